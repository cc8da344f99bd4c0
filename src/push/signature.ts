/**
 * X-Hub-Signature on WebSub deliveries: `method=hex`, an HMAC of the raw body under the subscription's
 * secret, with sha1, sha256, sha384 or sha512 (WebSub §8). Compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const METHODS = new Set(['sha1', 'sha256', 'sha384', 'sha512']);

/** ok, or why the delivery must be ignored. */
export type SignatureCheck = 'ok' | 'missing' | 'malformed' | 'mismatch';

export function checkSignature(header: string | undefined, body: Uint8Array, secret: string): SignatureCheck {
  if (!header) return 'missing';
  const m = /^\s*(sha1|sha256|sha384|sha512)=([0-9a-f]+)\s*$/i.exec(header);
  const method = m?.[1]?.toLowerCase();
  if (!m || !method || !METHODS.has(method)) return 'malformed';
  const given = Buffer.from(m[2] as string, 'hex');
  const expected = createHmac(method, secret).update(body).digest();
  // timingSafeEqual needs equal lengths; a wrong length says nothing about the secret.
  if (given.length !== expected.length) return 'mismatch';
  return timingSafeEqual(given, expected) ? 'ok' : 'mismatch';
}
