/**
 * The model cards' split records (public/models/<id>/SPLITS.json, written by scripts/models/write-splits.ts) are the
 * splits the code computes from the corpora in ../shared/datasets: the same pieces, the same source hashes, the same
 * pieces left out by the evaluation hygiene. The card quotes the record's digests. The training split must be what
 * the trainer reads (every train piece, none removed), so the shipped weights do not depend on the hygiene.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelCorpus, modelSplitRecord } from '../../lib/generation/eval/corpus';
import type { SplitRecord } from '../../lib/generation/eval/hygiene';
import { SHIPPED_MODELS } from '../../lib/generation/models/registry';

describe('split records beside the model cards', () => {
  for (const model of SHIPPED_MODELS) {
    const task = model.task === 'melody' ? 'melody' : 'chords';
    it(`${model.id}: SPLITS.json and the card match the splits the code computes`, () => {
      const folder = join(process.cwd(), 'public', model.urlPath);
      const recorded = JSON.parse(readFileSync(join(folder, 'SPLITS.json'), 'utf8')) as SplitRecord;
      const corpus = loadModelCorpus(task);
      const computed = modelSplitRecord(task, corpus);
      expect(recorded).toEqual(computed);
      const card = readFileSync(join(folder, 'MODEL_CARD.md'), 'utf8');
      for (const split of ['train', 'valid', 'test'] as const) expect(card).toContain(computed.splits[split].digest);
      // training untouched: every train piece of the corpus is in the record, none left out
      const train = corpus.filter((p) => p.split === 'train');
      expect(computed.splits.train.pieces.map((p) => p.id).sort()).toEqual(train.map((p) => p.id).sort());
    });
  }
});
