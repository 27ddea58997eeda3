import { sortNotes, type QuantizedNote } from './melody';

/**
 * Canonical JSON of a note list: notes sorted by (start, pitch, end), each written as
 * `[pitch, quantizedStartStep, quantizedEndStep]`, e.g. `[[60,0,2],[62,2,4]]`. Only integers, so the text is the same
 * in every JavaScript engine.
 */
export function canonicalNotesJson(notes: readonly QuantizedNote[]): string {
  return JSON.stringify(sortNotes(notes).map((n) => [n.pitch, n.quantizedStartStep, n.quantizedEndStep]));
}

/** `sha256:<hex>` of `canonicalNotesJson(notes)` (UTF-8), via WebCrypto (Node >= 20 and browsers). */
export async function notesDigest(notes: readonly QuantizedNote[]): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalNotesJson(notes));
  const hash = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return `sha256:${Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
