import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseUnits } from '../../src/core/index.js';
import type { ServerConfig } from '../../src/server/config.js';
import { memoryLogger } from '../../src/server/logger.js';
import { createServer, type BalcaoServer } from '../../src/server/server.js';

export const unitsJson = [
  {
    id: 'vara-civel-natal',
    name: '1ª Vara Cível da Comarca de Natal',
    timezone: 'America/Fortaleza',
    hours: { mon: [['08:00', '14:00']], fri: [['08:00', '14:00']] },
    email: 'vara@tjrn.jus.br',
    phone: '+55 84 3616-9000',
  },
];

/** A throwaway public dir with a fake widget script and one chunk. */
export function fakePublicDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'balcao-public-'));
  writeFileSync(path.join(dir, 'balcao-virtual.js'), 'export const widget = true;\n'.repeat(200));
  writeFileSync(path.join(dir, 'balcao-virtual-atendente.js'), 'export const clerk = true;\n');
  writeFileSync(path.join(dir, 'other.js'), 'export const other = true;\n');
  mkdirSync(path.join(dir, 'chunks'));
  writeFileSync(path.join(dir, 'chunks', 'en-abc123.js'), 'export const templates = {};\n');
  return dir;
}

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    unitsFile: '/nonexistent/units.json',
    allowedOrigins: ['https://www.tjrn.jus.br'],
    publicDir: fakePublicDir(),
    demoDir: undefined,
    dataDir: mkdtempSync(path.join(tmpdir(), 'balcao-data-')),
    joinsPerAddress: 20,
    trustProxy: false,
    ...overrides,
  };
}

export async function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<{
  server: BalcaoServer;
  url: URL;
  logs: string[];
}> {
  const logger = memoryLogger();
  const units = new Map(parseUnits(unitsJson).map((u) => [u.id, u]));
  const server = createServer(testConfig(overrides), { units, logger });
  const url = await server.start();
  return { server, url, logs: logger.lines };
}
