// Helpers for the line tests: a fake clock, a line that can be restarted on the same file,
// and readers for the notices the line emits.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseUnits, type Unit } from '../../src/core/index.js';
import type { CitizenEvent, ClerkEvent, JoinRequest, Ticket } from '../../src/core/protocol/index.js';
import type { IceSettings } from '../../src/server/ice.js';
import { LineError, type ClerkSession, type LineConfig, type LineNotice } from '../../src/server/line/line.js';
import { LineService } from '../../src/server/line/service.js';
import { SqliteLineStore } from '../../src/server/line/sqlite-store.js';
import type { LineStore } from '../../src/server/line/store.js';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { later } from '../later.js';
import { memoryLogger } from '../../src/server/logger.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

/** Monday 2026-11-23, 08:00 in Natal (UTC−3): the unit opens. */
export const MON_0800 = Date.parse('2026-11-23T11:00:00Z');
/** Monday 2026-11-23, 09:00 in Natal. */
export const MON_0900 = Date.parse('2026-11-23T12:00:00Z');
/** Monday 2026-11-23, 14:00 in Natal: the unit closes. */
export const MON_1400 = Date.parse('2026-11-23T17:00:00Z');
/** Tuesday 2026-11-24, 09:00 in Natal. */
export const TUE_0900 = Date.parse('2026-11-24T12:00:00Z');

export const UNIT = 'vara-civel-natal';
export const OTHER_UNIT = 'juizado-fazenda-natal';
/** Open around the clock, in Acre (UTC−5): its local day differs from the UTC day in the evening. */
export const ALWAYS_OPEN_UNIT = 'plantao-rio-branco';
export const CLERK_FULL_NAME = 'Maria Aparecida da Silva Souza';

const weekdays = (interval: [string, string]): Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri', [string, string][]> => ({
  mon: [interval],
  tue: [interval],
  wed: [interval],
  thu: [interval],
  fri: [interval],
});

export function testUnits(): ReadonlyMap<string, Unit> {
  const units = parseUnits([
    {
      id: UNIT,
      name: '1ª Vara Cível da Comarca de Natal',
      timezone: 'America/Fortaleza',
      hours: weekdays(['08:00', '14:00']),
      email: 'vara.civel@tjrn.jus.br',
    },
    {
      id: OTHER_UNIT,
      name: '2º Juizado da Fazenda Pública de Natal',
      timezone: 'America/Fortaleza',
      hours: weekdays(['08:00', '14:00']),
    },
    {
      id: ALWAYS_OPEN_UNIT,
      name: 'Plantão Judiciário de Rio Branco',
      timezone: 'America/Rio_Branco',
      holidays: 'none',
      hours: { ...weekdays(['00:00', '24:00']), sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] },
    },
  ]);
  return new Map(units.map((u) => [u.id, u]));
}

export const CASE_INFO: JoinRequest = { subject: 'case-info', sealed: false, lawyer: false, libras: false };
export const SEALED_LAWYER: JoinRequest = { subject: 'case-info', sealed: true, lawyer: true, libras: false };

export const TEST_CONFIG: Partial<LineConfig> = { answerWindowMs: 60_000, graceMs: 180_000, clerkCallGraceMs: 20_000 };

/** A fresh temporary directory, removed by `removeTempDirs`. */
const tempDirs: string[] = [];
export function tempDbFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'balcao-line-'));
  tempDirs.push(dir);
  return path.join(dir, 'line.sqlite');
}
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * The stores the rules' tests run over: SQLite as it is, and the same behind a double that
 * answers every call on a later macrotask (a networked store).
 */
export const STORE_KINDS = ['sqlite', 'delayed'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];
let currentStoreKind: StoreKind = 'sqlite';

function openStore(kind: StoreKind, file: string): LineStore {
  const store = new SqliteLineStore(file);
  // The double: the same store, every call answered on a later macrotask (typed as a LineStore).
  return kind === 'delayed' ? later<LineStore>(store) : store;
}

/** A store of the kind `overEachStore` runs now, on `file`. */
export function testStore(file: string): LineStore {
  return openStore(currentStoreKind, file);
}

/** Runs the tests `body` declares once over each store kind (harnesses created inside use it). */
export function overEachStore(body: () => void): void {
  describe.each(STORE_KINDS)('over the %s store', (kind) => {
    beforeAll(() => {
      currentStoreKind = kind;
    });
    afterAll(() => {
      currentStoreKind = 'sqlite';
    });
    body();
  });
}

/** The LineError code `fn` rejects with, or undefined when it resolves. */
export async function lineErrorOf(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof LineError) return error.code;
    throw error;
  }
  return undefined;
}

export interface HarnessOptions {
  readonly file?: string;
  readonly at?: number;
  readonly config?: Partial<LineConfig>;
  /** The court's STUN/TURN; none by default. */
  readonly ice?: IceSettings;
  /** The store kind; the one `overEachStore` runs by default. */
  readonly store?: StoreKind;
}

/** Every harness created, so `closeAll` can close their databases after each test. */
const open = new Set<LineHarness>();
export async function closeAll(): Promise<void> {
  for (const h of open) await h.close();
  open.clear();
}

/** The line (rules over a SQLite store) with a fake clock, its notices and its logs. */
export class LineHarness {
  clock: number;
  readonly file: string;
  readonly config: Partial<LineConfig>;
  readonly ice: IceSettings | undefined;
  readonly store: StoreKind;
  readonly units = testUnits();
  readonly logger = memoryLogger();
  readonly notices: LineNotice[] = [];
  line: LineService;

  constructor(options: HarnessOptions = {}) {
    this.clock = options.at ?? MON_0900;
    this.file = options.file ?? ':memory:';
    this.config = { ...TEST_CONFIG, ...options.config };
    this.ice = options.ice;
    this.store = options.store ?? currentStoreKind;
    this.line = this.create();
    open.add(this);
  }

  private create(): LineService {
    const line = new LineService({
      store: openStore(this.store, this.file),
      units: this.units,
      logger: this.logger,
      now: () => this.clock,
      config: this.config,
      ...(this.ice ? { ice: this.ice } : {}),
    });
    line.subscribe((n) => this.notices.push(n));
    return line;
  }

  /** Closes the store and opens a new line on the same file (a server restart). */
  async restart(): Promise<void> {
    await this.line.close();
    this.line = this.create();
    await this.line.ready;
  }

  close(): Promise<void> {
    return this.line.close();
  }

  /** Moves the fake clock; ticks once at the end when asked. */
  async advance(ms: number, tick = false): Promise<void> {
    this.clock += ms;
    if (tick) await this.line.tick();
  }

  /** Moves the fake clock in steps, ticking after each (like the server's one-second timer). */
  async advanceTicking(ms: number, step: number): Promise<void> {
    for (let done = 0; done < ms; done += step) {
      this.clock += Math.min(step, ms - done);
      await this.line.tick();
    }
  }

  join(request: JoinRequest = CASE_INFO, unit = UNIT): Promise<Ticket> {
    return this.line.join(unit, request);
  }

  /** Joins and says hello from the citizen's socket. */
  async joinPresent(request: JoinRequest = CASE_INFO, unit = UNIT): Promise<Ticket> {
    const ticket = await this.join(request, unit);
    await this.line.citizenPresent(ticket.ticketId);
    return ticket;
  }

  clerk(clerkId = 'c1', name = CLERK_FULL_NAME, unit = UNIT): Promise<ClerkSession> {
    return this.line.clerkPresent({ clerkId, name, unit });
  }

  /** `count` tickets joined one after the other. */
  async joinMany(count: number, present = false): Promise<Ticket[]> {
    const tickets: Ticket[] = [];
    for (let i = 0; i < count; i++) tickets.push(present ? await this.joinPresent() : await this.join());
    return tickets;
  }

  clearNotices(): void {
    this.notices.length = 0;
  }

  citizenEvents(ticketId: string): CitizenEvent[] {
    return this.notices.flatMap((n) => (n.to === 'citizen' && n.ticketId === ticketId ? [n.event] : []));
  }

  clerkEvents(sessionId: string): ClerkEvent[] {
    return this.notices.flatMap((n) => (n.to === 'clerk' && n.sessionId === sessionId ? [n.event] : []));
  }

  /** Citizen events of one type, narrowed. */
  citizenEventsOf<T extends CitizenEvent['type']>(ticketId: string, type: T): Extract<CitizenEvent, { type: T }>[] {
    return this.citizenEvents(ticketId).filter((e): e is Extract<CitizenEvent, { type: T }> => e.type === type);
  }

  /** Clerk events of one type, narrowed. */
  clerkEventsOf<T extends ClerkEvent['type']>(sessionId: string, type: T): Extract<ClerkEvent, { type: T }>[] {
    return this.clerkEvents(sessionId).filter((e): e is Extract<ClerkEvent, { type: T }> => e.type === type);
  }

  /** The position in the last 'waiting' notice the citizen got. */
  lastPosition(ticketId: string): number | undefined {
    return this.citizenEventsOf(ticketId, 'waiting').at(-1)?.position;
  }

  /** Codes of the line as the clerk's last 'line' notice shows it (head first). */
  lineCodes(sessionId: string): string[] {
    return this.clerkEventsOf(sessionId, 'line').at(-1)?.waiting.map((w) => w.code) ?? [];
  }

  /** The codes of every 'calling' notice to any clerk, in order. */
  calledCodes(): string[] {
    return this.notices.flatMap((n) => (n.to === 'clerk' && n.event.type === 'calling' ? [n.event.code] : []));
  }

  signalingClosed(): string[] {
    return this.notices.flatMap((n) => (n.to === 'signaling' ? [n.peerId] : []));
  }
}

export { seededRandom } from '../seeded-random.js';

export const codes = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `A-${String(from + i).padStart(3, '0')}`);

/** After each test of the calling file: every line it opened closed, its temporary directories removed. */
export function cleanUpLinesAfterEach(): void {
  afterEach(async () => {
    await closeAll();
    removeTempDirs();
  });
}
