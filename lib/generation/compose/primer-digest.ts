/**
 * The digest of a melody primer (docs/provenance/SPEC.md 7.3.1), recorded as `generation.primerDigest` so a
 * manifest names the creator's own notes the model continued, and checked against `generation.primer` on parse.
 *
 * Canonical encoding: the UTF-8 bytes of `{"notes":<canonicalNotesJson(notes)>,"totalSteps":<totalSteps>}`, the
 * notes sorted by (start, pitch, end) and written as `[pitch, quantizedStartStep, quantizedEndStep]`, e.g.
 * `{"notes":[[60,0,4],[64,4,8]],"totalSteps":8}`. Only integers, so every engine writes the same text.
 */
import { bytesToHex, sha256 } from 'viem';
import { canonicalNotesJson } from '../notes/digest';
import type { QuantizedNote } from '../notes/melody';

export type MelodyPrimer = { notes: readonly QuantizedNote[]; totalSteps: number };

export function canonicalPrimerJson(primer: MelodyPrimer): string {
  return `{"notes":${canonicalNotesJson(primer.notes)},"totalSteps":${primer.totalSteps}}`;
}

/** `sha256:<hex>` of `canonicalPrimerJson(primer)` (synchronous, so a schema refinement can check it). */
export function primerDigest(primer: MelodyPrimer): string {
  return `sha256:${bytesToHex(sha256(new TextEncoder().encode(canonicalPrimerJson(primer)), 'bytes')).slice(2)}`;
}
