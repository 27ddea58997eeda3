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
  meterEncoder?: 'MotifMeterEncoder';
  architecture: string;
  license: string;
  trainingData: string;
};

const NOTTINGHAM_JSB =
  'Nottingham (jukedeck/nottingham-dataset@0992bb6, sha256-of-name split 80/10/10) + JSB chorale sopranos (czhuang/JSB-Chorales-dataset@9a7f733, published split)';
const NOTTINGHAM_CHORDS =
  'Nottingham melodies + chord tracks (jukedeck/nottingham-dataset@0992bb6, sha256-of-name split 80/10/10)';

/** The defaults first (registry.ts `defaultModel` takes the first of a task): the meter-aware v2 models. */
export const SHIPPED: Entry[] = [
  {
    id: 'motif-melody-2x256-v2',
    task: 'melody',
    meterEncoder: 'MotifMeterEncoder',
    architecture:
      'MusicRNN, MotifMeterEncoder (28: meter class + step in bar) + MelodyConverter 48..83 (38 events), LSTM 2x256, fully connected 256->38',
    license: 'GPL-3.0-or-later (trained on the Nottingham Music Database, GPL-3.0; JSB chorales are public domain)',
    trainingData: `${NOTTINGHAM_JSB}; bar positions from the Nottingham time signatures`,
  },
  {
    id: 'motif-improv-2x256-v2',
    task: 'chord-melody',
    chordEncoder: 'PitchChordEncoder',
    meterEncoder: 'MotifMeterEncoder',
    architecture:
      'MusicRNN (ImprovRNN design), PitchChordEncoder (37) + MotifMeterEncoder (28) + MelodyConverter 48..83 (38 events), LSTM 2x256, fully connected 256->38',
    license: 'GPL-3.0-or-later (trained on the Nottingham Music Database, GPL-3.0)',
    trainingData: `${NOTTINGHAM_CHORDS}; bar positions from the time signatures`,
  },
  {
    id: 'motif-melody-2x256-v1',
    task: 'melody',
    architecture: 'MusicRNN, MelodyConverter 48..83 (38 events), LSTM 2x256, fully connected 256->38',
    license: 'GPL-3.0-or-later (trained on the Nottingham Music Database, GPL-3.0; JSB chorales are public domain)',
    trainingData: NOTTINGHAM_JSB,
  },
  {
    id: 'motif-improv-2x256-v1',
    task: 'chord-melody',
    chordEncoder: 'PitchChordEncoder',
    architecture:
      'MusicRNN (ImprovRNN design), PitchChordEncoder (37) + MelodyConverter 48..83 (38 events), LSTM 2x256, fully connected 256->38',
    license: 'GPL-3.0-or-later (trained on the Nottingham Music Database, GPL-3.0)',
    trainingData: NOTTINGHAM_CHORDS,
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
        ...(e.meterEncoder ? [`    meterEncoder: ${JSON.stringify(e.meterEncoder)},`] : []),
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
