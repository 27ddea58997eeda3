/**
 * Largest accepted size of each file of a track folder, in bytes: the pin route refuses larger uploads (413,
 * lib/tracks/limits.ts) and readers (verify, the indexer) never read more. Beside TRACK_FILES (manifest-schema.ts),
 * the folder's names, below every module that reads or writes the folder.
 */
export const TRACK_LIMITS = {
  /** A 10-minute stereo 16-bit 48 kHz WAV is about 115 MB; 3 minutes at 44.1 kHz is 32 MB. */
  wav: 128 * 1024 * 1024,
  midi: 1024 * 1024,
  manifest: 1024 * 1024,
  metadata: 64 * 1024,
  /** stream.mp3 (optional): 10 minutes at 160 kb/s is 12 MB. */
  stream: 24 * 1024 * 1024,
  /** An uploaded cover (optional; PNG, JPEG or WebP). */
  cover: 2 * 1024 * 1024,
} as const;
export type TrackPart = keyof typeof TRACK_LIMITS;
