// Whether a module is the script node was started with (`node main.js`): what the command
// line names, its symlinks resolved, as node resolves them for import.meta.url. Releases are
// often started through a symlink (`/opt/balcao/current → releases/2026-12-07`), and npm's
// `bin` links are symlinks too.

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function isEntryPoint(moduleUrl: string, script: string | undefined = process.argv[1]): boolean {
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
