import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from '../../functions/platform/zod.ts';
import { type Group, groups } from '../../functions/auth/caller.ts';

// Development tokens: HS256 JWTs standing in for Cognito ID tokens on this
// machine. Only the local API server accepts them; API Gateway's authorizer
// trusts nothing but the user pool's own keys.

const secretFile = fileURLToPath(new URL('../../.stoke/dev-token-secret', import.meta.url));
const issuer = 'stoke-local';
const lifetimeSeconds = 12 * 60 * 60;
// Namespace of the name-based (version 5) UUIDs that stand in for Cognito's `sub`.
const subNamespace = Buffer.from('5f0c2a6e4d7b4f1a9c3e8b2d6a1f0e47', 'hex');

/** The claims of a Cognito ID token that Stoke reads, as the token itself holds them. */
export const DevTokenClaims = z.object({
  sub: z.uuid(),
  email: z.email(),
  'cognito:groups': z.array(z.enum(groups)),
  token_use: z.literal('id'),
  iss: z.literal(issuer),
  iat: z.number().check(z.int()),
  exp: z.number().check(z.int()),
});
export type DevTokenClaims = z.infer<typeof DevTokenClaims>;

/** A token either carries valid claims or is refused, telling an expired token from any other. */
export type DevTokenCheck = { valid: true; claims: DevTokenClaims } | { valid: false; reason: 'invalid' | 'expired' };

/** A token for `email` in `memberOf`, valid for 12 hours from `now`. */
export async function issueDevToken(email: string, memberOf: readonly Group[], now = new Date()): Promise<string> {
  const address = email.trim().toLowerCase();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const claims: DevTokenClaims = {
    sub: subOf(address),
    email: address,
    'cognito:groups': [...memberOf],
    token_use: 'id',
    iss: issuer,
    iat: issuedAt,
    exp: issuedAt + lifetimeSeconds,
  };
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
  return `${unsigned}.${signature(unsigned, await secret())}`;
}

/** Checks the signature, the claims and the expiry of a token at `now`. */
export async function verifyDevToken(token: string, now = new Date()): Promise<DevTokenCheck> {
  const [header, payload, signed, ...rest] = token.split('.');
  if (header === undefined || payload === undefined || signed === undefined || rest.length > 0) return { valid: false, reason: 'invalid' };
  if (decode(header)?.alg !== 'HS256') return { valid: false, reason: 'invalid' };
  const expected = Buffer.from(signature(`${header}.${payload}`, await secret()));
  const actual = Buffer.from(signed);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { valid: false, reason: 'invalid' };
  const claims = DevTokenClaims.safeParse(decode(payload));
  if (!claims.success) return { valid: false, reason: 'invalid' };
  if (now.getTime() >= claims.data.exp * 1000) return { valid: false, reason: 'expired' };
  return { valid: true, claims: claims.data };
}

// Stable per address, like a Cognito user's `sub`, so a person keeps their leads across tokens.
function subOf(email: string): string {
  const hash = createHash('sha1').update(subNamespace).update(email).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function signature(unsigned: string, key: Buffer): string {
  return createHmac('sha256', key).update(unsigned).digest('base64url');
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// Read on every use rather than cached: `npm run reset` may replace it while the server runs.
async function secret(): Promise<Buffer> {
  try {
    return await readFile(secretFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path.dirname(secretFile), { recursive: true });
  // Written aside and linked into place, so that a process starting at the
  // same moment (the CLI, a parallel test) never reads a half-written file.
  const draft = `${secretFile}.${randomUUID()}`;
  await writeFile(draft, randomBytes(32), { mode: 0o600 });
  try {
    await link(draft, secretFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  return readFile(secretFile);
}
