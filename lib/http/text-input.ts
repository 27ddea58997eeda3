/** A lone UTF-16 surrogate: not a character, cannot be stored as UTF-8 text (PostgreSQL refuses it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` is not storable text (a NUL byte or a lone surrogate), or null when it is. */
export function badTextReason(text: string): string | null {
  if (text.includes('\0')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (not a character)';
  return null;
}

/**
 * The first string in a parsed JSON value (keys included) that is not storable text, as `path: reason`, or null.
 * Checked at input so such text is refused with a 400 instead of failing later in PostgreSQL or a retry loop.
 */
export function findBadText(value: unknown, path = '(body)'): string | null {
  if (typeof value === 'string') {
    const reason = badTextReason(value);
    return reason ? `${path} ${reason}` : null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findBadText(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = badTextReason(key)
        ? `${path} has a key that ${badTextReason(key)}`
        : findBadText(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
