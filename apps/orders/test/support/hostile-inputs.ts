import { randomUUID } from 'node:crypto';
import type { TestIdentity } from '#testing';

/** SQL, NoSQL, path, template and script injections, as plain strings. */
export const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE orders; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5); --',
  "' UNION SELECT id, customer_id FROM orders --",
  '{"$gt": ""}',
  "'; return true; var x='",
  '$where: 1 == 1',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/x}',
  '%27%20OR%201%3D1',
  '\\x27; --',
];

/** NoSQL operator objects where a string belongs. */
export const OPERATORS: unknown[] = [{ $gt: '' }, { $ne: null }, { $regex: '.*' }, ['a', 'b']];

/** Text a description may hold and must come back exactly as sent. */
export const KEPT_UNICODE = [
  '🧾 receipt ✓',
  'cafe\u0301 and café',
  '\u202Eright-to-left override\u202C',
  'zero\u200Bwidth\u200Djoiner',
  '\uFEFFbyte order mark',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ｆｕｌｌｗｉｄｔｈ 中文 עברית',
  'é'.repeat(500),
  '🧾'.repeat(500),
];

/** Text a description may not hold: control characters, over 500 characters (code points). */
export const REFUSED_UNICODE = [
  'nul\u0000byte',
  'bell\u0007',
  'esc\u001b[31m',
  'two\nlines',
  '🧾'.repeat(501),
];

/** A lone surrogate cannot be stored as UTF-8: it must be refused, not silently replaced. */
export const LONE_SURROGATES = ['high \uD800 alone', 'low \uDC00 alone', 'reversed \uDC00\uD800'];

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens that must all be refused, by name. */
export async function badTokens(
  identity: TestIdentity,
  stranger: TestIdentity,
): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const valid = await identity.token('mallory');
  const [header, payload, signature] = valid.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
  return {
    expired: await identity.token('mallory', 'customer', now - 60),
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, role: 'admin' })}.`,
    'tampered claims': `${header}.${b64({ ...claims, role: 'admin', sub: randomUUID() })}.${signature}`,
    'signature cut': `${header}.${payload}.`,
    'another issuer’s key': await stranger.token('mallory', 'admin'),
    'HS256 header': `${b64({ alg: 'HS256', typ: 'JWT' })}.${payload}.${signature}`,
    garbage: 'not.a.token',
    'too long': `${header}.${payload}.${'A'.repeat(5_000)}`,
  };
}
