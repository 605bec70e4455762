import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isEntryPoint } from '../../src/server/entry.js';

describe('isEntryPoint', () => {
  // /tmp/…/releases/r1/main.js, /tmp/…/current → releases/r1, /tmp/…/bin/balcao → ../current/main.js
  const root = mkdtempSync(path.join(tmpdir(), 'balcao-entry-'));
  const release = path.join(root, 'releases', 'r1');
  mkdirSync(release, { recursive: true });
  const main = path.join(release, 'main.js');
  writeFileSync(main, '');
  writeFileSync(path.join(release, 'other.js'), '');
  symlinkSync(release, path.join(root, 'current'));
  mkdirSync(path.join(root, 'bin'));
  symlinkSync(path.join('..', 'current', 'main.js'), path.join(root, 'bin', 'balcao'));
  const url = pathToFileURL(main).href;

  it('is the script named on the command line, directly or through symlinked directories and files', () => {
    expect(isEntryPoint(url, main)).toBe(true);
    expect(isEntryPoint(url, path.join(root, 'current', 'main.js'))).toBe(true);
    expect(isEntryPoint(url, path.join(root, 'bin', 'balcao'))).toBe(true);
  });

  it('is not another script, a missing one, or none (imported by a test or a tool)', () => {
    expect(isEntryPoint(url, path.join(root, 'current', 'other.js'))).toBe(false);
    expect(isEntryPoint(url, path.join(root, 'current', 'missing.js'))).toBe(false);
    expect(isEntryPoint(url, undefined)).toBe(false);
  });
});
