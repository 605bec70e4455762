// What the published package says of itself (issue 12, point 16, in part): its licence
// file, and no type package among what an install of it brings at run time (a type
// package there drags @types/node into the browser apps that depend on it).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Manifest {
  readonly license: string;
  readonly files: readonly string[];
  readonly dependencies: Record<string, string>;
}
interface Lock {
  readonly packages: Record<string, { readonly dev?: boolean; readonly dependencies?: Record<string, string> } | undefined>;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lock;

describe('the package', () => {
  it('ships the MIT licence it declares', () => {
    expect(manifest.license).toBe('MIT');
    expect(existsSync('LICENSE')).toBe(true);
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/^MIT License\n/);
  });

  it('brings no type package at run time, by its manifest or by its lockfile', () => {
    expect(Object.keys(manifest.dependencies).filter((name) => name.startsWith('@types/'))).toEqual([]);
    expect(Object.keys(lock.packages['']?.dependencies ?? {}).filter((name) => name.startsWith('@types/'))).toEqual([]);
    // What only our build and tests need is marked so in the lockfile (a runtime dependency's own types, such as peer's, are theirs).
    expect(lock.packages['node_modules/@types/compression']?.dev).toBe(true);
  });
});
