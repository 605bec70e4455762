// ICE servers for calls: only the court's, with coturn-style time-limited TURN credentials.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseUnit } from '../../src/core/index.js';
import { ConfigError, readConfig } from '../../src/server/config.js';
import { iceConfigFor, NO_ICE_SERVERS, turnCredentials } from '../../src/server/ice.js';
import { memoryLogger } from '../../src/server/logger.js';
import { createServer } from '../../src/server/server.js';
import { testConfig, unitsJson } from './helpers.js';

const NOW = Date.parse('2026-11-23T15:00:00Z');
const unit = parseUnit(unitsJson[0]);
const relayUnit = parseUnit({ ...unitsJson[0], relayOnly: true });
const settings = {
  stunUrls: ['stun:stun.tjrn.jus.br:3478'],
  turnUrls: ['turn:turn.tjrn.jus.br:3478?transport=udp', 'turns:turn.tjrn.jus.br:5349'],
  turnSecret: 's3cr3t',
  turnTtlSeconds: 3600,
};

describe('TURN credentials', () => {
  it('are what coturn checks with use-auth-secret: expiry:tag and base64 HMAC-SHA1', () => {
    const { username, credential } = turnCredentials('s3cr3t', NOW, 3600);
    expect(username).toBe(`${NOW / 1000 + 3600}:bv`);
    expect(credential).toBe(createHmac('sha1', 's3cr3t').update(username).digest('base64'));
    expect(turnCredentials('other', NOW, 3600).credential).not.toBe(credential);
  });
});

describe('iceConfigFor', () => {
  it('gives an empty list when the court runs no STUN/TURN (never PeerJS’s public servers)', () => {
    expect(iceConfigFor(NO_ICE_SERVERS, unit, NOW)).toEqual({ iceServers: [], iceTransportPolicy: 'all' });
  });

  it('gives STUN and TURN with fresh credentials', () => {
    const ice = iceConfigFor(settings, unit, NOW);
    expect(ice.iceTransportPolicy).toBe('all');
    expect(ice.iceServers).toEqual([
      { urls: ['stun:stun.tjrn.jus.br:3478'] },
      { urls: settings.turnUrls, ...turnCredentials('s3cr3t', NOW, 3600) },
    ]);
  });

  it('uses the relay only, without STUN, for a unit that requires it', () => {
    const ice = iceConfigFor(settings, relayUnit, NOW);
    expect(ice.iceTransportPolicy).toBe('relay');
    expect(ice.iceServers.map((s) => s.urls[0])).toEqual(['turn:turn.tjrn.jus.br:3478?transport=udp']);
  });
});

describe('ICE configuration from the environment', () => {
  it('reads STUN_URLS, TURN_URLS and TURN_SECRET', () => {
    const config = readConfig(['--demo'], { STUN_URLS: 'stun:a.jus.br:3478', TURN_URLS: 'turn:a.jus.br:3478, turns:a.jus.br:5349', TURN_SECRET: 'x' });
    expect(config.ice).toMatchObject({ stunUrls: ['stun:a.jus.br:3478'], turnUrls: ['turn:a.jus.br:3478', 'turns:a.jus.br:5349'], turnSecret: 'x' });
  });

  it.each([
    [{ TURN_URLS: 'turn:a.jus.br:3478' }, /TURN_URLS precisa de TURN_SECRET/],
    [{ STUN_URLS: 'https://stun.example' }, /URL inválida em STUN_URLS.*stun:stun/],
    [{ TURN_URLS: 'stun:a.jus.br', TURN_SECRET: 'x' }, /URL inválida em TURN_URLS/],
  ])('refuses %j with a message saying what to do', (env, message) => {
    expect(() => readConfig([], env)).toThrow(ConfigError);
    expect(() => readConfig([], env)).toThrow(message);
  });

  it('refuses to start when a unit requires the relay and no TURN is configured', async () => {
    const units = new Map([[relayUnit.id, relayUnit]]);
    const server = createServer(testConfig(), { units, logger: memoryLogger() });
    await expect(server.start()).rejects.toThrow(/"vara-civel-natal" exige chamadas só pelo relay.*TURN_URLS e TURN_SECRET/);
  });
});
