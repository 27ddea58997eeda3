import type { QuantizedNote } from './melody';

/** A note as the digest reads it: a humanised note may carry `offsetTicks` (lib/generation/arrangement/types.ts). */
type DigestNote = QuantizedNote & { offsetTicks?: number | undefined };

/**
 * Canonical JSON of a note list: notes sorted by (start, pitch, end, then offset, a missing one being 0), each
 * written as `[pitch, quantizedStartStep, quantizedEndStep]`, e.g. `[[60,0,2],[62,2,4]]`, or
 * `[pitch, start, end, offsetTicks]` for a note with a (non-zero) timing offset, e.g. `[[60,0,2,12]]`. Only
 * integers, so the text is the same in every JavaScript engine; notes on the grid give exactly the text they always
 * gave.
 */
export function canonicalNotesJson(notes: readonly DigestNote[]): string {
  const sorted = [...notes].sort(
    (a, b) =>
      a.quantizedStartStep - b.quantizedStartStep ||
      a.pitch - b.pitch ||
      a.quantizedEndStep - b.quantizedEndStep ||
      (a.offsetTicks ?? 0) - (b.offsetTicks ?? 0),
  );
  return JSON.stringify(
    sorted.map((n) =>
      n.offsetTicks
        ? [n.pitch, n.quantizedStartStep, n.quantizedEndStep, n.offsetTicks]
        : [n.pitch, n.quantizedStartStep, n.quantizedEndStep],
    ),
  );
}

/** `sha256:<hex>` of `canonicalNotesJson(notes)` (UTF-8), via WebCrypto (Node >= 20 and browsers). */
export async function notesDigest(notes: readonly DigestNote[]): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalNotesJson(notes));
  const hash = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return `sha256:${Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
