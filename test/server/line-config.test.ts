// The line's settings from flags and the environment: the short grace a call gives a clerk
// whose page closed.
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/server/config.js';
import { DEFAULT_LINE_CONFIG } from '../../src/server/line/line.js';

describe('the call’s grace for a clerk whose page closed', () => {
  it('is 20 s by default, as in the line', () => {
    expect(readConfig(['--demo'], {}).clerkCallGraceMs).toBe(20_000);
    expect(DEFAULT_LINE_CONFIG.clerkCallGraceMs).toBe(20_000);
  });

  it('reads --clerk-call-grace-seconds over CLERK_CALL_GRACE_SECONDS', () => {
    expect(readConfig(['--demo'], { CLERK_CALL_GRACE_SECONDS: '45' }).clerkCallGraceMs).toBe(45_000);
    expect(readConfig(['--demo', '--clerk-call-grace-seconds', '30'], { CLERK_CALL_GRACE_SECONDS: '45' }).clerkCallGraceMs).toBe(30_000);
    expect(readConfig(['--demo', '--clerk-call-grace-seconds=10'], {}).clerkCallGraceMs).toBe(10_000);
  });

  it.each([
    [['--clerk-call-grace-seconds', '0'], {}, /clerk-call-grace-seconds.*número inteiro positivo/],
    [[], { CLERK_CALL_GRACE_SECONDS: '20s' }, /CLERK_CALL_GRACE_SECONDS.*"20s"/],
    [[], { CLERK_CALL_GRACE_SECONDS: '60', GRACE_MINUTES: '1' }, /precisa ser menor que --grace-minutes/],
  ])('refuses %j %j, saying what to do', (argv, env, message) => {
    expect(() => readConfig(argv, env)).toThrow(ConfigError);
    expect(() => readConfig(argv, env)).toThrow(message);
  });
});
