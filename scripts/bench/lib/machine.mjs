// @ts-check
// What the figures were measured on: the machine, its load, its limits.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { chromiumPath } from './env.mjs';

/** The load average over the last minute, as printed. */
export const loadAverage = () => /** @type {number} */ (os.loadavg()[0]).toFixed(2);

/** The machine table of BENCHMARKS.md (the Chromium version from its executable). */
export function machine() {
  const cpus = os.cpus();
  const version = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  const chromiumVersion = (version.stdout ?? '').trim() || `unknown (${(version.stderr ?? version.error?.message ?? '').trim().split('\n').pop()})`;
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    chromium: chromiumVersion,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** Soft limit on open files, as a child process inherits it (Node raises its own to the hard limit). */
export function descriptorLimit() {
  const out = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout?.trim();
  return out === 'unlimited' ? Infinity : Number(out);
}
