// The call module's pure parts, in Node (no browser): PeerJS options from the server URL,
// the SDP trimming for the relay, the quality levels. (The data channel's messages are
// core's: data-channel.test.ts.)
import { describe, expect, it } from 'vitest';
import { peerOptions, rtcConfiguration } from '../../src/call/peer-options.js';
import { QualityMeter, qualityLevel } from '../../src/call/quality.js';
import { fitSdp } from '../../src/call/sdp.js';
import { MAX_SDP_LENGTH, type IceConfig } from '../../src/core/protocol/index.js';

const ice: IceConfig = { iceServers: [{ urls: ['turn:turn.tjrn.jus.br:3478?transport=udp'], username: '1800000000:bv', credential: 'c3VwZXI=' }], iceTransportPolicy: 'relay' };

describe('PeerJS options', () => {
  it('sets every option from the server URL, never a PeerJS default', () => {
    expect(peerOptions(new URL('https://balcao.tjrn.jus.br/'), 'tok', ice)).toEqual({
      host: 'balcao.tjrn.jus.br',
      port: 443,
      secure: true,
      path: '/peerjs',
      key: 'balcao',
      token: 'tok',
      config: { iceServers: [{ urls: ['turn:turn.tjrn.jus.br:3478?transport=udp'], username: '1800000000:bv', credential: 'c3VwZXI=' }], iceTransportPolicy: 'relay' },
      debug: 0,
      referrerPolicy: 'no-referrer',
    });
  });

  it('keeps a base path and an explicit port, and plain HTTP', () => {
    expect(peerOptions(new URL('http://127.0.0.1:8080/balcao/'), 't', ice)).toMatchObject({ host: '127.0.0.1', port: 8080, secure: false, path: '/balcao/peerjs' });
  });

  it('gives an ICE configuration even with no server at all (PeerJS would add Google STUN and its TURN)', () => {
    expect(rtcConfiguration({ iceServers: [], iceTransportPolicy: 'all' })).toEqual({ iceServers: [], iceTransportPolicy: 'all' });
  });
});

describe('descriptions for the relay', () => {
  const line = (i: number, kind: string): string => `a=candidate:${i} 1 ${kind} 2122260223 192.0.2.${i % 250} ${50000 + i} typ ${kind === 'tcp' ? 'host tcptype passive' : 'host'} generation 0\r\n`;
  const relay = 'a=candidate:9 1 udp 41885439 127.0.0.1 50000 typ relay raddr 0.0.0.0 rport 0 generation 0\r\n';

  it('passes a description that fits, as it is', () => {
    const sdp = `v=0\r\n${relay}`;
    expect(fitSdp(sdp)).toBe(sdp);
  });

  it('drops TCP candidates, then host candidates, until it fits; never the relay candidate', () => {
    const big = `v=0\r\n${Array.from({ length: 150 }, (_, i) => line(i, i % 2 ? 'tcp' : 'udp')).join('')}${relay}`;
    expect(big.length).toBeGreaterThan(MAX_SDP_LENGTH);
    const fitted = fitSdp(big);
    expect(fitted?.length).toBeLessThanOrEqual(MAX_SDP_LENGTH);
    expect(fitted).toContain(relay);
    expect(fitted).not.toContain(' tcp ');
  });

  it('gives up when nothing more can go', () => {
    expect(fitSdp(`v=0\r\na=fingerprint:${'x'.repeat(MAX_SDP_LENGTH)}\r\n`)).toBeUndefined();
  });
});

describe('connection quality', () => {
  it('says boa, fraca, ruim by round trip, loss and the bandwidth estimate', () => {
    expect(qualityLevel(40, 0, 2_000, true)).toBe('good');
    expect(qualityLevel(400, 0, 2_000, true)).toBe('weak');
    expect(qualityLevel(40, 0.05, 2_000, true)).toBe('weak');
    expect(qualityLevel(40, 0, 100, true)).toBe('weak');
    expect(qualityLevel(40, 0, 100, false)).toBe('good');
    expect(qualityLevel(1_500, 0, null, false)).toBe('poor');
    expect(qualityLevel(40, 0.2, null, false)).toBe('poor');
    expect(qualityLevel(null, null, null, true)).toBe('good');
  });

  it('counts loss and bitrate since the previous sample', () => {
    const report = (bytesSent: number, received: number, lost: number): RTCStatsReport => {
      const stats = [
        { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
        { id: 'P', type: 'candidate-pair', currentRoundTripTime: 0.05, availableOutgoingBitrate: 1_500_000 },
        { id: 'O', type: 'outbound-rtp', bytesSent },
        { id: 'I', type: 'inbound-rtp', packetsReceived: received, packetsLost: lost },
      ];
      return new Map(stats.map((s) => [s.id, s])) as unknown as RTCStatsReport;
    };
    const meter = new QualityMeter();
    expect(meter.sample(report(0, 1_000, 0), 0, true)).toEqual({ level: 'good', rttMs: 50, packetLoss: 0, outgoingKbps: null, availableOutgoingKbps: 1500 });
    // 3 s later: 375 000 bytes sent (1 Mbit/s), 900 received and 100 lost (10 %).
    expect(meter.sample(report(375_000, 1_900, 100), 3_000, true)).toEqual({ level: 'weak', rttMs: 50, packetLoss: 0.1, outgoingKbps: 1000, availableOutgoingKbps: 1500 });
  });
});
