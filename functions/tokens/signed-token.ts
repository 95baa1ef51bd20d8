import { createHmac, timingSafeEqual } from 'node:crypto';
import type * as z from '../platform/zod.ts';

/**
 * Compact signed tokens for links in emails: base64url(JSON payload) + "." +
 * base64url(HMAC-SHA256). The payload names its purpose and expiry, so a token
 * made for one thing and one lead cannot be used for another.
 */
export function signToken(payload: { purpose: string; exp: number }, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(body, key)}`;
}

export type Verified<T> = { ok: true; payload: T } | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'wrong-purpose' };

export function verifyToken<Schema extends z.ZodMiniType<{ purpose: string; exp: number }>>(
  token: string,
  key: Buffer,
  schema: Schema,
  now: Date,
): Verified<z.infer<Schema>> {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(body, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'wrong-purpose' };
  if (parsed.data.exp * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload: parsed.data };
}

function mac(body: string, key: Buffer): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}
