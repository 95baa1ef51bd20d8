import { createHmac } from 'node:crypto';

/**
 * A salted (keyed) hash of a normalized email address: enough to recognise
 * an erased person who comes back, useless for recovering the address.
 */
export function emailHash(email: string, key: Buffer): string {
  return createHmac('sha256', key).update(`suppression:${email.trim().toLowerCase()}`).digest('base64url');
}
