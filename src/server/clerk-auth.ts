// Clerk sign-in. The embedded default is a token signed with a local secret
// (`npm run clerk-token`); a court's SSO (OIDC/JWT) plugs in behind the same interface.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface ClerkIdentity {
  /** Stable id of the clerk (the token's subject), never shown to citizens. */
  readonly clerkId: string;
  /** Full name as the court registers it; citizens see first name + one surname. */
  readonly name: string;
  /** The unit the clerk serves. */
  readonly unit: string;
}

export interface ClerkAuth {
  /** The clerk a token identifies, or null when it is forged, expired or malformed. */
  verify(token: string, now: number): ClerkIdentity | null;
}

interface TokenPayload {
  readonly v: 1;
  readonly sub: string;
  readonly name: string;
  readonly unit: string;
  /** Issued at and expiry, seconds since the epoch. */
  readonly iat: number;
  readonly exp: number;
}

const b64 = (buf: Buffer): string => buf.toString('base64url');

/** Tokens `bvc1.<payload>.<HMAC-SHA256>` signed with a local secret. */
export class LocalClerkAuth implements ClerkAuth {
  constructor(private readonly secret: Buffer) {
    if (secret.length < 32) throw new Error('clerk secret must have at least 32 bytes');
  }

  mint(clerk: { name: string; unit: string; clerkId?: string }, now: number, ttlHours = 12): string {
    const payload: TokenPayload = {
      v: 1,
      // The same clerk at the same unit keeps one id across tokens (and so one session).
      sub: clerk.clerkId ?? b64(createHmac('sha256', this.secret).update(`clerk:${clerk.unit}:${clerk.name.trim().toLowerCase()}`).digest()).slice(0, 16),
      name: clerk.name.trim(),
      unit: clerk.unit,
      iat: Math.floor(now / 1000),
      exp: Math.floor(now / 1000 + ttlHours * 3600),
    };
    const body = b64(Buffer.from(JSON.stringify(payload)));
    return `bvc1.${body}.${this.sign(body)}`;
  }

  verify(token: string, now: number): ClerkIdentity | null {
    if (typeof token !== 'string' || token.length > 2048) return null;
    const [prefix, body, signature, ...rest] = token.split('.');
    if (prefix !== 'bvc1' || !body || !signature || rest.length > 0) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!isPayload(payload)) return null;
    const seconds = now / 1000;
    if (payload.exp <= seconds || payload.iat > seconds + 300) return null;
    return { clerkId: payload.sub, name: payload.name, unit: payload.unit };
  }

  private sign(body: string): string {
    return b64(createHmac('sha256', this.secret).update(`bvc1.${body}`).digest());
  }
}

function isPayload(p: unknown): p is TokenPayload {
  if (typeof p !== 'object' || p === null) return false;
  const o = p as Record<string, unknown>;
  return (
    o.v === 1 &&
    typeof o.sub === 'string' &&
    typeof o.name === 'string' &&
    o.name.length > 0 &&
    o.name.length <= 120 &&
    typeof o.unit === 'string' &&
    typeof o.iat === 'number' &&
    typeof o.exp === 'number'
  );
}

/** The local signing secret under the data directory, created (mode 0600) on first use. */
export async function loadOrCreateSecret(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, 'clerk-secret');
  try {
    const text = (await readFile(file, 'utf8')).trim();
    const secret = Buffer.from(text, 'base64url');
    if (secret.length >= 32) return secret;
    throw new Error(`${file} is damaged (too short): delete it to create a new one (every clerk token becomes invalid).`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  await writeFile(file, `${b64(secret)}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  await chmod(file, 0o600);
  return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
}
