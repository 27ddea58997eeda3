/**
 * Encodes the corpora for the Python trainer: writes training/cache/{melody,chords}.json (ignored by git).
 * Chord symbols are turned into Magenta's PitchChordEncoder vectors here, with Magenta's own classes, so the trainer
 * sees exactly what `MusicRNN` feeds the LSTM at generation time. Each Nottingham piece also carries its meter steps
 * (`meterClass`, `barPosition` per step; lib/generation/notes/meter-encoding.ts), which the meter-aware models read.
 *   npx tsx scripts/models/prepare-data.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadJsbSoprano, loadNottingham, dataFileHashes, dataSetDigest } from '../../lib/generation/eval/corpus';
import { createRequire } from 'node:module';
import type { EncodedPiece } from '../../lib/generation/eval/corpus';

/** The piece's meter steps as two parallel arrays (the trainer one-hots them); absent when its bars are unknown. */
function meterFields(p: EncodedPiece): { meterClass?: number[]; barPosition?: number[] } {
  if (!p.meterSteps) return {};
  return { meterClass: p.meterSteps.map((m) => m.meterClass), barPosition: p.meterSteps.map((m) => m.position) };
}

type ChordsModule = { PitchChordEncoder: new () => { encode(chord: string): { arraySync(): unknown } } };
const require = createRequire(import.meta.url);
const core = require('@magenta/music/node/core') as { chords: ChordsModule };
const encoder = new core.chords.PitchChordEncoder();
async function pitchChordEncoding(symbol: string): Promise<number[]> {
  const v = encoder.encode(symbol).arraySync();
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) throw new Error(`bad encoding of ${symbol}`);
  return v as number[];
}

const out = join(process.cwd(), 'training', 'cache');
mkdirSync(out, { recursive: true });

const nott = loadNottingham();
const jsb = loadJsbSoprano();
const melodyFiles = dataFileHashes({ nottinghamMelody: true, jsb: true });
writeFileSync(
  join(out, 'melody.json'),
  JSON.stringify({
    dataDigest: dataSetDigest(melodyFiles),
    pieces: [...nott, ...jsb].map((p) => ({
      id: p.id,
      corpus: p.corpus,
      split: p.split,
      events: p.events,
      ...meterFields(p),
    })),
  }),
);

const withChords = loadNottingham({ withChords: true });
const symbols = [...new Set(withChords.flatMap((p) => p.chords ?? []))].sort();
const encodings: Record<string, number[]> = {};
for (const s of symbols) encodings[s] = await pitchChordEncoding(s);
const chordFiles = dataFileHashes({ nottinghamMelody: true, nottinghamChords: true });
writeFileSync(
  join(out, 'chords.json'),
  JSON.stringify({
    dataDigest: dataSetDigest(chordFiles),
    chordEncodings: encodings,
    pieces: withChords.map((p) => ({
      id: p.id,
      split: p.split,
      events: p.events,
      ...meterFields(p),
      chords: (p.chords ?? []).map((c) => symbols.indexOf(c)),
    })),
    chordSymbols: symbols,
  }),
);
const count = (ps: { split: string }[]) => ({
  train: ps.filter((p) => p.split === 'train').length,
  valid: ps.filter((p) => p.split === 'valid').length,
  test: ps.filter((p) => p.split === 'test').length,
});
console.log('nottingham', count(nott), 'jsb', count(jsb), 'chords', count(withChords), 'symbols', symbols.length);
