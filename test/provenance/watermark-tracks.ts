/**
 * Real rendered tracks for the watermark tests and bench: the shipped melody model composes (studio compose, JS
 * engine) with varied seeds, keys, tempi, drum styles and instruments, and the studio's JS renderer renders the
 * arrangement, peak-normalised as the studio does before WAV encoding. Node only (loads the checkpoint from public/).
 */
import path from 'node:path';
import { compose } from '../../lib/generation/compose/compose';
import { defaultComposeRequest, type ComposeRequest } from '../../lib/generation/compose/request';
import { KEYS } from '../../lib/generation/arrangement/theory';
import { DRUM_STYLES } from '../../lib/generation/arrangement/drums';
import { MELODIC_INSTRUMENT_IDS } from '../../lib/generation/arrangement/instruments';
import { defaultModel } from '../../lib/generation/models/registry';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../../lib/generation/models/node-loader';
import { renderArrangement } from '../../lib/generation/render/js-renderer';
import { melodyNotes } from '../../lib/provenance/studio-session';
import { notesDigest } from '../../lib/generation/notes/digest';
import { normalisePeak, WAV_SAMPLE_RATE } from '../../lib/generation/export/wav';

export type RenderedTrack = {
  seed: number;
  request: ComposeRequest;
  sampleRate: number;
  channels: [Float32Array, Float32Array];
  finalDigest: string;
};

const PROGRESSIONS = [
  ['C', 'G', 'Am', 'F'],
  ['Am', 'F', 'C', 'G'],
  ['Dm', 'G', 'C', 'C'],
  ['F', 'C', 'Dm', 'Bb'],
  ['Em', 'C', 'G', 'D'],
];

/** The request for track `i` of a corpus: everything varies with `i` (seed, key, tempo, bars, style, instruments). */
export function corpusRequest(i: number, modelId: string, base = 20_261_200): ComposeRequest {
  const pick = <T>(list: readonly T[], salt: number): T => list[(i * 7 + salt) % list.length] as T;
  return defaultComposeRequest({
    modelId,
    seed: base + i * 7919,
    bars: 8 + ((i * 5) % 9),
    tempo: 90 + ((i * 13) % 50),
    key: pick(KEYS, 3),
    primer: { type: 'chords', progression: pick(PROGRESSIONS, 1) },
    style: DRUM_STYLES[(i * 3 + 2) % DRUM_STYLES.length]?.id ?? 'pop',
    instruments: { melody: pick(MELODIC_INSTRUMENT_IDS, 0), chords: pick(MELODIC_INSTRUMENT_IDS, 4) },
  });
}

/** Loads the shipped melody model once; `dispose` it when done. */
export async function loadCorpusModel(): Promise<{ id: string; model: MusicRnnInstance }> {
  const entry = defaultModel('melody');
  const model = await loadMusicRnnFromFolder(path.join(process.cwd(), 'public', entry.urlPath));
  return { id: entry.id, model };
}

/** Composes and renders tracks `from .. from + count - 1` of the corpus at 44.1 kHz. */
export async function renderCorpus(
  loaded: { id: string; model: MusicRnnInstance },
  count: number,
  from = 0,
  base?: number,
): Promise<RenderedTrack[]> {
  const out: RenderedTrack[] = [];
  for (let i = from; i < from + count; i++) {
    const request = corpusRequest(i, loaded.id, base);
    const result = await compose(loaded.model, request, { engine: 'js' });
    const audio = renderArrangement(result.arrangement, { sampleRate: WAV_SAMPLE_RATE });
    const channels: [Float32Array, Float32Array] = [audio.channels[0], audio.channels[1]];
    normalisePeak(channels);
    out.push({
      seed: request.seed,
      request,
      sampleRate: audio.sampleRate,
      channels,
      finalDigest: await notesDigest(melodyNotes(result.arrangement)),
    });
  }
  return out;
}

/** Linear-interpolation resampling (the attack; the detector's own resampler is windowed-sinc). */
export function linearResample(x: Float32Array, from: number, to: number): Float32Array {
  const out = new Float32Array(Math.floor((x.length * to) / from));
  for (let i = 0; i < out.length; i++) {
    const t = (i * from) / to;
    const n = Math.floor(t);
    out[i] = (x[n] ?? 0) * (1 - (t - n)) + (x[n + 1] ?? 0) * (t - n);
  }
  return out;
}
