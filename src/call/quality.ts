// Connection quality from getStats(): round-trip time, packet loss and the sender's
// bandwidth estimate, reduced to three levels ('good', 'weak', 'poor'; on screen "Conexão boa", "fraca", "ruim").
// Thresholds follow common video-call guidance: beyond ~300 ms RTT or ~3 % loss a
// conversation suffers, beyond ~1 s or ~12 % it breaks; video needs ≥ ~150 kbit/s, audio ~30.

import type { CallQuality, QualityLevel } from './types.js';

interface Totals {
  readonly at: number;
  readonly bytesSent: number;
  readonly received: number;
  readonly lost: number;
}

type Stat = Record<string, unknown>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function qualityLevel(rttMs: number | null, loss: number | null, availableKbps: number | null, sendingVideo: boolean): QualityLevel {
  const rtt = rttMs ?? 0;
  const lost = loss ?? 0;
  const kbps = availableKbps ?? Infinity;
  if (rtt > 1000 || lost > 0.12 || kbps < (sendingVideo ? 60 : 20)) return 'poor';
  if (rtt > 300 || lost > 0.03 || kbps < (sendingVideo ? 150 : 30)) return 'weak';
  return 'good';
}

/** Keeps the previous totals, so each sample reports what happened since the last one. */
export class QualityMeter {
  #previous: Totals | undefined;

  sample(report: RTCStatsReport, at: number, sendingVideo: boolean): CallQuality {
    const stats = [...report.values()] as Stat[];
    const byId = new Map(stats.map((s) => [s.id, s]));
    const transport = stats.find((s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string');
    const pair = transport
      ? byId.get(transport.selectedCandidatePairId)
      : stats.find((s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded');
    const rtt = num(pair?.currentRoundTripTime);
    const available = num(pair?.availableOutgoingBitrate);
    let bytesSent = 0;
    let received = 0;
    let lost = 0;
    let remoteLoss = 0;
    for (const s of stats) {
      if (s.type === 'outbound-rtp') bytesSent += num(s.bytesSent) ?? 0;
      else if (s.type === 'inbound-rtp') {
        received += num(s.packetsReceived) ?? 0;
        lost += Math.max(0, num(s.packetsLost) ?? 0);
      } else if (s.type === 'remote-inbound-rtp') remoteLoss = Math.max(remoteLoss, num(s.fractionLost) ?? 0);
    }
    const now: Totals = { at, bytesSent, received, lost };
    const before = this.#previous;
    this.#previous = now;
    const seconds = before ? (at - before.at) / 1000 : 0;
    const outgoingKbps = before && seconds > 0 ? Math.max(0, (bytesSent - before.bytesSent) * 8) / 1000 / seconds : null;
    const dReceived = received - (before?.received ?? 0);
    const dLost = lost - (before?.lost ?? 0);
    const localLoss = dReceived + dLost > 0 ? Math.max(0, dLost) / (dReceived + dLost) : null;
    const packetLoss = localLoss === null ? (remoteLoss > 0 ? remoteLoss : null) : Math.max(localLoss, remoteLoss);
    const rttMs = rtt === null ? null : Math.round(rtt * 1000);
    const availableOutgoingKbps = available === null ? null : Math.round(available / 1000);
    return {
      level: qualityLevel(rttMs, packetLoss, availableOutgoingKbps, sendingVideo),
      rttMs,
      packetLoss,
      outgoingKbps: outgoingKbps === null ? null : Math.round(outgoingKbps),
      availableOutgoingKbps,
    };
  }
}
