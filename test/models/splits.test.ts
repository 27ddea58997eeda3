/**
 * The model cards' split records (public/models/<id>/SPLITS.json, written by scripts/models/write-splits.ts) are the
 * splits the code computes from the corpora in ../shared/datasets: the same pieces, the same source hashes, the same
 * pieces left out by the evaluation hygiene. The card quotes the record's digests. The training split must be what
 * the trainer reads (every train piece, none removed), so the shipped weights do not depend on the hygiene.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelCorpus, modelSplitRecord, type EncodedPiece } from '../../lib/generation/eval/corpus';
import { METER_CLASSES } from '../../lib/generation/notes/meter-encoding';
import type { SplitRecord } from '../../lib/generation/eval/hygiene';
import { SHIPPED_MODELS } from '../../lib/generation/models/registry';

/** Each corpus is read, and its split record computed, once: the models of a task (v1, v2) share them. */
const corpora = new Map<'melody' | 'chords', EncodedPiece[]>();
function corpusOf(task: 'melody' | 'chords'): EncodedPiece[] {
  let c = corpora.get(task);
  if (!c) corpora.set(task, (c = loadModelCorpus(task)));
  return c;
}
const records = new Map<'melody' | 'chords', SplitRecord>();
function recordOf(task: 'melody' | 'chords'): SplitRecord {
  let r = records.get(task);
  if (!r) records.set(task, (r = modelSplitRecord(task, corpusOf(task))));
  return r;
}

describe('split records beside the model cards', () => {
  for (const model of SHIPPED_MODELS) {
    const task = model.task === 'melody' ? 'melody' : 'chords';
    it(`${model.id}: SPLITS.json and the card match the splits the code computes`, () => {
      const folder = join(process.cwd(), 'public', model.urlPath);
      const recorded = JSON.parse(readFileSync(join(folder, 'SPLITS.json'), 'utf8')) as SplitRecord;
      const corpus = corpusOf(task);
      const computed = recordOf(task);
      expect(recorded).toEqual(computed);
      const card = readFileSync(join(folder, 'MODEL_CARD.md'), 'utf8');
      for (const split of ['train', 'valid', 'test'] as const) expect(card).toContain(computed.splits[split].digest);
      // training untouched: every train piece of the corpus is in the record, none left out
      const train = corpus.filter((p) => p.split === 'train');
      expect(computed.splits.train.pieces.map((p) => p.id).sort()).toEqual(train.map((p) => p.id).sort());
    });
  }
});

describe('the meter steps the meter-aware models read (from the Nottingham time signatures)', () => {
  it('count bars from the MIDI bar lines: pickups start late in their bar, 6/8 bars are 12 steps', () => {
    const tunes = corpusOf('melody').filter((p) => p.corpus === 'nottingham');
    const jsb = corpusOf('melody').filter((p) => p.corpus === 'jsb');
    expect(tunes.every((p) => p.meterSteps?.length === p.events.length)).toBe(true);
    // the chorales carry no bar lines: no meter steps (the models read zeros there)
    expect(jsb.every((p) => p.meterSteps === undefined)).toBe(true);
    const firstOf = (cls: string) =>
      tunes.filter((p) => METER_CLASSES[p.meterSteps?.[0]?.meterClass ?? -1] === cls).map((p) => p.meterSteps?.[0]);
    // most 4/4 tunes open with a one-beat pickup (step 12 of 16), most 6/8 tunes with a quaver one (10 of 12)
    const common = firstOf('4/4');
    expect(common.filter((s) => s?.position === 12).length / common.length).toBeGreaterThan(0.6);
    const jigs = firstOf('6/8');
    expect(jigs.filter((s) => s?.position === 10).length / jigs.length).toBeGreaterThan(0.6);
    // a 6/8 tune counts 0..11 and wraps; a 3/4 tune too
    const jig = tunes.find((p) => p.meterSteps?.every((s) => s.meterClass === 2));
    const positions = jig?.meterSteps?.map((s) => s.position) ?? [];
    expect(Math.max(...positions)).toBe(11);
    positions.forEach((q, t) => t > 0 && expect(q).toBe(((positions[t - 1] ?? 0) + 1) % 12));
    expect(tunes.filter((p) => p.meterSteps?.[0]?.meterClass === 1).length).toBeGreaterThan(40);
  });
});
