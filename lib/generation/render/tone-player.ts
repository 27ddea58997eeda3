/**
 * Browser only: live playback with Tone.js. One Tone.Part per track on the Transport; mute/solo toggles the parts;
 * loop over the whole piece; `positionSteps()` drives the piano roll's playhead.
 */
import {
  durationSeconds,
  secondsPerStep,
  soundingStep,
  totalSteps,
  type Arrangement,
  type TrackId,
} from '../arrangement/types';
import { createVoice, type ToneModule, type ToneVoice } from './tone-instruments';
import { BaseError } from '../../errors/base';

export class AudioBlockedError extends BaseError {
  constructor() {
    super('The browser blocked audio: click Play (or press a key on it) to allow sound.');
    this.name = 'AudioBlockedError';
  }
}

type Loaded = { voice: ToneVoice; instrument: string; part: import('tone').Part };

export class TonePlayer {
  private tone: ToneModule | null = null;
  private tracks = new Map<TrackId, Loaded>();
  private arrangement: Arrangement | null = null;

  /** Loads Tone lazily and resumes the AudioContext; must run inside a user gesture (click/keypress). */
  async unlock(): Promise<void> {
    this.tone ??= await import('tone');
    await this.tone.start();
    if (this.tone.getContext().state !== 'running') throw new AudioBlockedError();
  }

  get ready(): boolean {
    return this.tone !== null;
  }

  /** (Re)schedules the arrangement: call after every edit. */
  load(a: Arrangement): void {
    const Tone = this.tone;
    if (!Tone) return;
    this.arrangement = a;
    const transport = Tone.getTransport();
    transport.bpm.value = a.tempo;
    transport.loopStart = 0;
    transport.loopEnd = durationSeconds(a);
    const anySolo = a.tracks.some((t) => t.solo);
    const sps = secondsPerStep(a.tempo);
    for (const t of a.tracks) {
      const old = this.tracks.get(t.id);
      let voice = old?.voice;
      if (!voice || old?.instrument !== t.instrument) {
        old?.voice.dispose();
        voice = createVoice(Tone, t.instrument);
        voice.output.toDestination();
      }
      old?.part.dispose();
      const v = voice;
      // times in seconds at the current tempo (the Transport's bpm only scales ticks, so re-load on tempo changes)
      const events = t.notes.map((n) => ({
        time: soundingStep(n.quantizedStartStep, n) * sps,
        pitch: n.pitch,
        dur: (n.quantizedEndStep - n.quantizedStartStep) * sps,
        velocity: n.velocity,
      }));
      const part = new Tone.Part(
        (time, e: { pitch: number; dur: number; velocity: number }) => v.play(e.pitch, e.dur, time, e.velocity),
        events,
      );
      part.start(0);
      part.mute = anySolo ? !t.solo : t.muted;
      this.tracks.set(t.id, { voice: v, instrument: t.instrument, part });
    }
  }

  setLoop(loop: boolean): void {
    if (this.tone) this.tone.getTransport().loop = loop;
  }

  play(): void {
    this.tone?.getTransport().start();
  }

  stop(): void {
    this.tone?.getTransport().stop();
  }

  get playing(): boolean {
    return this.tone?.getTransport().state === 'started';
  }

  /** Playhead in steps (fractional), wrapped to the piece. */
  positionSteps(): number {
    if (!this.tone || !this.arrangement) return 0;
    const s = this.tone.getTransport().seconds / secondsPerStep(this.arrangement.tempo);
    const total = totalSteps(this.arrangement);
    return ((s % total) + total) % total;
  }

  dispose(): void {
    this.stop();
    for (const t of this.tracks.values()) {
      t.part.dispose();
      t.voice.dispose();
    }
    this.tracks.clear();
  }
}
