import { z } from 'zod';
import { BaseError } from '../errors/base';

/** The fields of a track's metadata.json the gallery filters and shows, read leniently from untrusted JSON. */
export const indexedMetadataSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** Catalog's `title` (catalog-20220222); Motif writes it equal to `name`, other minters may not. */
  title: z.string().trim().min(1).max(200).optional().catch(undefined),
  description: z.string().max(2000).optional().catch(undefined),
  genre: z.string().trim().max(60).optional().catch(undefined),
  key: z.string().trim().max(20).optional().catch(undefined),
  // a setTempo edit may leave a fractional tempo: the column keeps whole beats per minute
  bpm: z.number().min(1).max(400).transform(Math.round).optional().catch(undefined),
  duration: z
    .number()
    .min(0)
    .max(24 * 3600)
    .optional()
    .catch(undefined),
  ai_disclosure: z
    .object({ model: z.string().max(100).optional() })
    .optional()
    .catch(undefined),
});

export type IndexedMetadata = {
  title: string;
  description: string | null;
  genre: string | null;
  musicalKey: string | null;
  bpm: number | null;
  durationMs: number | null;
  modelId: string | null;
};

export class InvalidTrackMetadataError extends BaseError {
  override name = 'InvalidTrackMetadataError';
}

/** Parses metadata.json bytes into the indexed columns; throws InvalidTrackMetadataError with the reason. */
export function parseIndexedMetadata(bytes: Uint8Array): IndexedMetadata {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new InvalidTrackMetadataError(
      `metadata.json is not UTF-8 JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = indexedMetadataSchema.safeParse(json);
  if (!parsed.success)
    throw new InvalidTrackMetadataError(
      `metadata.json lacks a usable name: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  const m = parsed.data;
  return {
    title: m.title ?? m.name,
    description: m.description ?? null,
    genre: m.genre ?? null,
    musicalKey: m.key ?? null,
    bpm: m.bpm ?? null,
    durationMs: m.duration === undefined ? null : Math.round(m.duration * 1000),
    modelId: m.ai_disclosure?.model ?? null,
  };
}
