/**
 * Browser entry for models.browser.test.ts: loads a shipped checkpoint with Magenta's real esm MusicRNN (tfjs cpu
 * backend) and generates with the project's seeded sampler. Bundled by esbuild in the test.
 */
import * as tf from '@tensorflow/tfjs';
import { MusicRNN } from '@magenta/music/esm/music_rnn';
import { generateMelody } from '../../lib/generation/sampling';
import { notesDigest } from '../../lib/generation/notes/digest';

export type PageRequest = { url: string; seed: number; steps: number; chords?: string[] };
export type PageResult = { digest: string; events: number[]; backend: string; ms: number };

async function run(req: PageRequest): Promise<PageResult> {
  await tf.setBackend('cpu');
  await tf.ready();
  const model = new MusicRNN(req.url);
  await model.initialize();
  const t0 = performance.now();
  const r = await generateMelody({
    model,
    seed: req.seed,
    temperature: 1,
    steps: req.steps,
    primer: {
      notes: [
        { pitch: 67, quantizedStartStep: 0, quantizedEndStep: 4 },
        { pitch: 71, quantizedStartStep: 4, quantizedEndStep: 8 },
      ],
      totalQuantizedSteps: 8,
      quantizationInfo: { stepsPerQuarter: 4 },
    },
    chordProgression: req.chords,
  });
  const ms = performance.now() - t0;
  model.dispose();
  return { digest: await notesDigest(r.sequence.notes), events: r.events, backend: r.backend, ms };
}

(globalThis as unknown as { motifRun: typeof run }).motifRun = run;
