/**
 * Issue #18, meters: do 3/4 and 6/8 pieces keep the melodic form of 4/4 ones? Composes seeded 16-bar studio pieces
 * (the studio's default form: its default model, C major, chords "C G Am F", melodic form on; snapping off, as
 * bench/model-samples.ts) in 4/4, 3/4 and 6/8 with the studio's own `compose` (plain-JS engine), and prints per meter
 * the share of bars that repeat an earlier bar, the share of pieces ending on the tonic, notes in the key and on the
 * chord. Not a bench figure: a check that the meter does not break form.
 * `node --import tsx scripts/meter-form-figures.ts [pieces=100]`
 */
import { join } from 'node:path';
import { compose } from '../lib/generation/compose/compose';
import { METERS, stepsPerBarOf } from '../lib/generation/arrangement/meter';
import { barRepeatShare, chordToneCount, endsOnTonic, inKeyCount } from '../lib/generation/eval/form-metrics';
import { loadMusicRnnFromFolder } from '../lib/generation/models/node-loader';
import { SHIPPED_MODELS } from '../lib/generation/models/registry';
import { defaultComposeForm, requestFromForm } from '../lib/studio/compose-form';

const BARS = 16;

async function main(): Promise<void> {
  const pieces = Number(process.argv[2] ?? 100);
  const modelId = defaultComposeForm().modelChoice;
  const entry = SHIPPED_MODELS.find((m) => m.id === modelId);
  if (!entry) throw new Error(`no shipped model ${modelId}`);
  const rnn = await loadMusicRnnFromFolder(join(process.cwd(), 'public', entry.urlPath));
  try {
    for (const meter of METERS) {
      let repeat = 0;
      let tonic = 0;
      const inKey = [0, 0];
      const chordTone = [0, 0];
      for (let seed = 1; seed <= pieces; seed++) {
        const request = requestFromForm({ ...defaultComposeForm(), bars: BARS, snap: false, seed, meter }, modelId);
        const result = await compose(rnn, request, { engine: 'js' });
        const barSteps = stepsPerBarOf(request);
        repeat += barRepeatShare(result.melody, BARS, barSteps);
        if (endsOnTonic(result.melody, request.key)) tonic++;
        const [k, n] = inKeyCount(result.melody, request.key, request.scale);
        inKey[0]! += k;
        inKey[1]! += n;
        const [c, m] = chordToneCount(result.melody, result.progression, barSteps);
        chordTone[0]! += c;
        chordTone[1]! += m;
      }
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      console.log(
        `${meter}: ${pieces} pieces of ${BARS} bars (${modelId}): bar_repeat ${pct(repeat / pieces)}, ` +
          `tonic_ending ${pct(tonic / pieces)}, in_key ${pct(inKey[0]! / inKey[1]!)}, chord_tone ${pct(chordTone[0]! / chordTone[1]!)}`,
      );
    }
  } finally {
    rnn.dispose();
  }
}

await main();
