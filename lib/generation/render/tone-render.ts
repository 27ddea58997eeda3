/**
 * Browser only (main thread: Tone.Offline needs an OfflineAudioContext, which workers lack): renders an arrangement
 * with Tone.js voices, every note scheduled at its absolute time (no Transport), audible tracks only.
 */
import { audibleTracks, durationSeconds, secondsPerStep, type Arrangement } from '../arrangement/types';
import { DEFAULT_TAIL_SECONDS, type RenderedAudio } from './js-renderer';
import { createVoice } from './tone-instruments';

export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

export async function renderWithToneOffline(a: Arrangement, opts: { sampleRate?: number; tailSeconds?: number } = {}): Promise<RenderedAudio> {
  const Tone = await import('tone');
  const rate = opts.sampleRate ?? 44_100;
  const seconds = durationSeconds(a) + (opts.tailSeconds ?? DEFAULT_TAIL_SECONDS);
  const sps = secondsPerStep(a.tempo);
  let buffer: import('tone').ToneAudioBuffer;
  try {
    buffer = await Tone.Offline(() => {
      for (const t of audibleTracks(a)) {
        const voice = createVoice(Tone, t.instrument);
        voice.output.toDestination();
        for (const n of t.notes) voice.play(n.pitch, (n.quantizedEndStep - n.quantizedStartStep) * sps, n.quantizedStartStep * sps, n.velocity);
      }
    }, seconds, 2, rate);
  } catch (e) {
    throw new RenderError(`Tone.Offline failed: ${(e as Error).message}`);
  }
  const channels = buffer.toArray() as Float32Array[] | Float32Array;
  const [left, right] = Array.isArray(channels) ? channels : [channels, channels];
  if (!left || !right) throw new RenderError('Tone.Offline returned no audio');
  return { sampleRate: rate, channels: [left, right], seconds };
}
