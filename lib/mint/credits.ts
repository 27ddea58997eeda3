/**
 * The mint form's artist name, credits and ISRC: what the creator types (kept in the draft as typed), checked with
 * the same zod rules metadata.json is built with (lib/provenance/metadata.ts), and sent to the pin route. Key, tempo
 * and length are never typed: the pin route derives them from the manifest and the files.
 */
import { z } from 'zod';
import { creditSchema, isrcSchema } from '../provenance/metadata';
import type { FieldError } from './split';

export const MAX_CREDITS = 50;

/** One credit row as typed (both empty: an unused row, dropped). */
export const creditRowSchema = z.object({ name: z.string().max(200), role: z.string().max(100) });
export type CreditRow = z.infer<typeof creditRowSchema>;

/** The draft's credit fields (absent in drafts saved before they existed: treated as empty). */
export const creditDetailsSchema = z.object({
  /** Empty: the creator's profile name (the pin route fills it in). */
  artist: z.string().max(200).optional(),
  credits: z.array(creditRowSchema).max(MAX_CREDITS).optional(),
  isrc: z.string().max(20).optional(),
});
export type CreditDetails = z.infer<typeof creditDetailsSchema>;

const filled = (rows: readonly CreditRow[]) => rows.filter((r) => r.name.trim() !== '' || r.role.trim() !== '');

/** Field errors for the form (`artist`, `isrc`, `credits.<i>` by row index as shown). */
export function creditFieldErrors(d: CreditDetails): FieldError[] {
  const errors: FieldError[] = [];
  const artist = d.artist?.trim() ?? '';
  if (artist.length > 200) errors.push({ field: 'artist', message: 'The artist name is at most 200 characters' });
  const isrc = d.isrc?.trim() ?? '';
  if (isrc !== '') {
    const r = isrcSchema.safeParse(isrc);
    if (!r.success) errors.push({ field: 'isrc', message: r.error.issues[0]?.message ?? 'not an ISRC' });
  }
  (d.credits ?? []).forEach((row, i) => {
    if (row.name.trim() === '' && row.role.trim() === '') return;
    const r = creditSchema.safeParse({ name: row.name, role: row.role });
    if (!r.success)
      errors.push({
        field: `credits.${i}`,
        message: `Credit ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.') || 'credit'} ${x.message}`).join('; ')}`,
      });
  });
  return errors;
}

/** The pin route's text fields for these details (`artist` and `isrc` only when given; `credits` as JSON). */
export function creditFormFields(d: CreditDetails): Record<string, string> {
  const fields: Record<string, string> = {};
  const artist = d.artist?.trim() ?? '';
  if (artist) fields.artist = artist;
  const isrc = d.isrc?.trim() ?? '';
  if (isrc) fields.isrc = isrc;
  fields.credits = JSON.stringify(filled(d.credits ?? []).map((r) => ({ name: r.name.trim(), role: r.role.trim() })));
  return fields;
}
