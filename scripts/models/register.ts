/**
 * Recomputes each shipped checkpoint's CID and file sizes and rewrites the SHIPPED_MODELS list in
 * lib/generation/models/registry.ts. Run after training: `npx tsx scripts/models/register.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { familyOfConfig } from '../../lib/generation/models/adapter';
import { checkpointCid, checkpointFiles } from '../../lib/generation/models/checkpoint-files';

type Entry = {
  id: string;
  task: 'melody' | 'chord-melody';
  chordEncoder?: 'PitchChordEncoder';
  architecture: string;
  license: string;
  trainingData: string;
};

export const SHIPPED: Entry[] = [
  {
    id: 'motif-melody-2x256-v1',
    task: 'melody',
    architecture: 'MusicRNN, MelodyConverter 48..83 (38 events), LSTM 2x256, fully connected 256->38',
    license: 'GPL-3.0-or-later (trained on the Nottingham Music Database, GPL-3.0; JSB chorales are public domain)',
    trainingData:
      'Nottingham (jukedeck/nottingham-dataset@0992bb6, sha256-of-name split 80/10/10) + JSB chorale sopranos (czhuang/JSB-Chorales-dataset@9a7f733, published split)',
  },
  {
    id: 'motif-improv-2x256-v1',
    task: 'chord-melody',
    chordEncoder: 'PitchChordEncoder',
    architecture:
      'MusicRNN (ImprovRNN design), PitchChordEncoder (37) + MelodyConverter 48..83 (38 events), LSTM 2x256, fully connected 256->38',
    license: 'GPL-3.0-or-later (trained on the Nottingham Music Database, GPL-3.0)',
    trainingData:
      'Nottingham melodies + chord tracks (jukedeck/nottingham-dataset@0992bb6, sha256-of-name split 80/10/10)',
  },
];

async function main() {
  const blocks: string[] = [];
  for (const e of SHIPPED) {
    const folder = join(process.cwd(), 'public', 'models', e.id);
    const cid = await checkpointCid(folder);
    const files = checkpointFiles(folder).map((f) => ({ path: f.path, bytes: f.content.length }));
    const m = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')) as {
      dataConverter: { args: { minPitch: number; maxPitch: number } };
    };
    // The family the checkpoint's config.json declares (its adapter's name; UnknownModelFamilyError otherwise).
    const family = familyOfConfig(m);
    blocks.push(
      [
        '  {',
        "    source: 'shipped',",
        `    id: ${JSON.stringify(e.id)},`,
        `    task: ${JSON.stringify(e.task)},`,
        `    family: ${JSON.stringify(family)},`,
        `    urlPath: ${JSON.stringify(`/models/${e.id}`)},`,
        `    weightsCid: ${JSON.stringify(cid)},`,
        `    files: [${files.map((f) => `{ path: ${JSON.stringify(f.path)}, bytes: ${f.bytes} }`).join(', ')}],`,
        `    minPitch: ${m.dataConverter.args.minPitch},`,
        `    maxPitch: ${m.dataConverter.args.maxPitch},`,
        ...(e.chordEncoder ? [`    chordEncoder: ${JSON.stringify(e.chordEncoder)},`] : []),
        `    architecture: ${JSON.stringify(e.architecture)},`,
        `    license: ${JSON.stringify(e.license)},`,
        `    trainingData: ${JSON.stringify(e.trainingData)},`,
        `    card: ${JSON.stringify(`/models/${e.id}/MODEL_CARD.md`)},`,
        '  },',
      ].join('\n'),
    );
    console.log(
      e.id,
      cid,
      files.reduce((a, f) => a + f.bytes, 0),
      'bytes',
    );
  }
  const path = join(process.cwd(), 'lib', 'generation', 'models', 'registry.ts');
  const src = readFileSync(path, 'utf8');
  const re = /(export const SHIPPED_MODELS: readonly ShippedModel\[\] = \[\n)[\s\S]*?(\n\];)/;
  if (!re.test(src)) throw new Error('SHIPPED_MODELS block not found');
  writeFileSync(
    path,
    src.replace(
      re,
      `$1  /* @generated shipped-models: written by scripts/models/register.ts */\n${blocks.join('\n')}$2`,
    ),
  );
}

await main();
