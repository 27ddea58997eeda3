/**
 * Node: reads the shipped SoundFont from public/ and checks it against its pinned sha256 before parsing it (the
 * browser fetches the same file from the platform: app/studio/compose.worker.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from 'viem';
import type { BasicSoundBank } from 'spessasynth_core';
import { BaseError } from '../../../errors/base';
import { loadSoundBank } from './sf-renderer';
import { SOUNDFONT, soundFontShardPaths } from './soundfont';

export class SoundFontMismatchError extends BaseError {
  constructor(file: string, got: string) {
    super(`The SoundFont ${file} has sha256 ${got}, not the pinned ${SOUNDFONT.sha256}.`);
    this.name = 'SoundFontMismatchError';
  }
}

/** The shipped SoundFont's bytes, checked. `root` is the repository (default: the working directory). */
export async function readShippedSoundFont(root = process.cwd()): Promise<Uint8Array> {
  const file = path.join(root, 'public', SOUNDFONT.urlPath);
  const shards = await Promise.all(soundFontShardPaths(file).map((shard) => readFile(shard)));
  const bytes = new Uint8Array(Buffer.concat(shards));
  const got = sha256(bytes);
  if (got !== SOUNDFONT.sha256) throw new SoundFontMismatchError(file, got);
  return bytes;
}

let cached: Promise<BasicSoundBank> | null = null;

/** The shipped SoundFont, parsed once per process. */
export function shippedSoundBank(root?: string): Promise<BasicSoundBank> {
  cached ??= readShippedSoundFont(root).then(loadSoundBank);
  return cached;
}
