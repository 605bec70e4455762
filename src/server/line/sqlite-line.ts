// The embedded line: the rules (LineService) over the SQLite store, one file under ./data/.

import type { IceSettings } from '../ice.js';
import type { Logger } from '../logger.js';
import type { UnitDirectory } from '../units.js';
import type { LineConfig } from './line.js';
import { LineService } from './service.js';
import { SqliteLineStore } from './sqlite-store.js';

export interface SqliteLineOptions {
  /** Database file, or ':memory:'. */
  readonly file: string;
  readonly units: UnitDirectory;
  readonly logger: Logger;
  readonly config?: Partial<LineConfig>;
  /** The clock (tests pass a fake one). */
  readonly now?: () => number;
  /** STUN/TURN for calls; none by default (one network, loopback). */
  readonly ice?: IceSettings;
}

/** The line over SQLite; await its `ready` before serving (recovery after a restart). */
export function openSqliteLine(options: SqliteLineOptions): LineService {
  const { file, ...rest } = options;
  return new LineService({ ...rest, store: new SqliteLineStore(file) });
}
