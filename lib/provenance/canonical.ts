import canonicalize from 'canonicalize';
import { CanonicalizationError } from './errors';

/** JSON values RFC 8785 can express. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function assertJson(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new CanonicalizationError(`${path || '(root)'} is ${value}: not representable in JSON`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertJson(v, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null)
      throw new CanonicalizationError(`${path || '(root)'} is not a plain object`);
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined)
        throw new CanonicalizationError(`${path ? `${path}.` : ''}${k} is undefined: drop the key instead`);
      assertJson(v, path ? `${path}.${k}` : k);
    }
    return;
  }
  throw new CanonicalizationError(`${path || '(root)'} is a ${typeof value}: not representable in JSON`);
}

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of `value`: keys sorted by UTF-16 code units, ECMAScript number
 * formatting, minimal string escapes, no whitespace. Uses the `canonicalize` package (the RFC author's
 * implementation), after a strict check so that values JSON would silently drop or rewrite (undefined, NaN, Date,
 * Map...) are refused instead of changing the digest behind the caller's back.
 */
export function canonicalJson(value: unknown): string {
  assertJson(value, '');
  const text = canonicalize(value);
  if (text === undefined) throw new CanonicalizationError('value has no JSON form');
  return text;
}

/** UTF-8 bytes of `canonicalJson(value)`: what is hashed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}
