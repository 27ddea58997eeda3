/**
 * Writes public/models/<id>/SPLITS.json (each split's pieces with the sha256 of their source, after the evaluation
 * hygiene of lib/generation/eval/hygiene.ts) and the card's bullet on it; test/models/splits.test.ts checks the file.
 * Neither file is part of the weights' CID.
 *   npx tsx scripts/models/write-splits.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelSplitRecord } from '../../lib/generation/eval/corpus';
import { splitsCardBullet } from '../../lib/generation/eval/hygiene';
import { SHIPPED_MODELS } from '../../lib/generation/models/registry';

for (const model of SHIPPED_MODELS) {
  const folder = join(process.cwd(), 'public', model.urlPath);
  const record = modelSplitRecord(model.task === 'melody' ? 'melody' : 'chords');
  writeFileSync(join(folder, 'SPLITS.json'), JSON.stringify(record, null, 1) + '\n');
  // the bullet follows the data files' bullet; a previous one is replaced
  const cardPath = join(folder, 'MODEL_CARD.md');
  const card = readFileSync(cardPath, 'utf8').replace(
    /\n- Splits after hygiene[\s\S]*?checks\n {2}this record[^\n]*/,
    '',
  );
  const anchor = card.indexOf('\n## Architecture and training');
  if (anchor < 0) throw new Error(`${cardPath}: no architecture section`);
  const before = card.slice(0, anchor).trimEnd();
  writeFileSync(cardPath, `${before}\n${splitsCardBullet(record)}\n${card.slice(anchor)}`);
  console.log('wrote', folder, record.splits.train.count, record.splits.valid.count, record.splits.test.count);
}
