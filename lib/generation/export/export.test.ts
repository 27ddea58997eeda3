import { describe, expect, it } from 'vitest';
import { arrange } from '../arrangement/arrange';
import {
  arrangementToMidi,
  decodeWav16,
  encodeWav16,
  midiToNotes,
  normalisePeak,
  peakOf,
  PEAK_TARGET,
  waveformPeaks,
} from './index';
import { envelopeAt, oscillator, renderArrangement } from '../render/js-renderer';
import { durationSeconds, secondsPerStep, type Arrangement, type ArrangementNote } from '../arrangement/types';
import tonejsMidi from '@tonejs/midi';

const { Midi } = tonejsMidi;

const params = {
  melody: [
    { pitch: 72, quantizedStartStep: 0, quantizedEndStep: 3, velocity: 101 },
    { pitch: 74, quantizedStartStep: 4, quantizedEndStep: 12, velocity: 64 },
  ],
  progression: ['Am', 'F'],
  bars: 2,
  tempo: 110,
  key: 'A',
  scale: 'minor',
  style: 'pop',
} as const;
const a = arrange(params);

describe('WAV', () => {
  it('normalises the peak to -1 dBFS and encodes 16-bit PCM that wavefile parses back', () => {
    const left = Float32Array.from([0, 0.5, -2, 1]);
    const right = Float32Array.from([0.25, 0, 0, -1]);
    const gain = normalisePeak([left, right]);
    expect(gain).toBeCloseTo(PEAK_TARGET / 2, 12);
    expect(peakOf([left, right])).toBeCloseTo(PEAK_TARGET, 6);
    const bytes = encodeWav16({ sampleRate: 44_100, channels: [left, right] });
    expect(bytes.length).toBe(44 + 4 * 4);
    const wav = decodeWav16(bytes);
    expect(wav).toMatchObject({ sampleRate: 44_100, bitDepth: '16', channels: 2, frames: 4 });
    expect(Array.from(wav.samples[0] ?? [])).toEqual([
      0,
      Math.round(0.5 * gain * 32767),
      Math.round(-2 * gain * 32767),
      Math.round(gain * 32767),
    ]);
    expect(Math.max(...(wav.samples[0] ?? []).map(Math.abs))).toBeLessThan(32767);
  });
  it('leaves silence alone', () => {
    const s = new Float32Array(8);
    expect(normalisePeak([s])).toBe(1);
    expect(peakOf([s])).toBe(0);
  });
  it('computes waveform buckets', () => {
    const p = waveformPeaks([Float32Array.from([0, 1, -1, 0.5])], 2);
    expect(p).toEqual([
      [0, 1],
      [-1, 0.5],
    ]);
  });
});

describe('JS renderer', () => {
  it('renders the arrangement deterministically, audible, song length + tail', () => {
    const r1 = renderArrangement(a, { sampleRate: 22_050 });
    const r2 = renderArrangement(a, { sampleRate: 22_050 });
    expect(r1.channels[0].length).toBe(Math.round((durationSeconds(a) + 1) * 22_050));
    expect(r1.channels[0]).toEqual(r2.channels[0]);
    expect(peakOf(r1.channels)).toBeGreaterThan(0.05);
    // muting everything gives silence
    const silent = renderArrangement(
      { ...a, tracks: a.tracks.map((t) => ({ ...t, muted: true })) },
      { sampleRate: 8000 },
    );
    expect(peakOf(silent.channels)).toBe(0);
  });
});

/** `a` with the melody alone (soloed) holding one note. */
const soloNote = (arr: Arrangement, note: ArrangementNote): Arrangement => ({
  ...arr,
  tracks: arr.tracks.map((t) => (t.id === 'melody' ? { ...t, solo: true, notes: [note] } : t)),
});
const firstSound = (ch: Float32Array) => ch.findIndex((v) => v !== 0);

describe('timing offsets', () => {
  const note = { pitch: 72, quantizedStartStep: 4, quantizedEndStep: 8, velocity: 100 };
  it('the JS renderer starts a note at step + offsetTicks / 120, rounded to the frame', () => {
    const rate = 22_050;
    const grid = renderArrangement(soloNote(a, note), { sampleRate: rate });
    const late = renderArrangement(soloNote(a, { ...note, offsetTicks: 30 }), { sampleRate: rate });
    const early = renderArrangement(soloNote(a, { ...note, offsetTicks: -48 }), { sampleRate: rate });
    const sps = secondsPerStep(a.tempo);
    const at = (step: number) => Math.round(step * sps * rate);
    // (a note's first frame is the silent start of its attack: compare where the sound begins)
    const g = firstSound(grid.channels[0]);
    expect(g).toBeGreaterThan(at(4) - 1);
    expect(firstSound(late.channels[0]) - g).toBe(at(4 + 30 / 120) - at(4));
    expect(firstSound(early.channels[0]) - g).toBe(at(4 - 48 / 120) - at(4));
  });

  it("MIDI writes the offset into the note's tick (480 PPQ: 120 ticks a step) and reads it back", () => {
    const humanised: Arrangement = {
      ...a,
      tracks: a.tracks.map((t) =>
        t.id === 'melody'
          ? {
              ...t,
              notes: [
                { ...note, offsetTicks: -48 },
                { pitch: 74, quantizedStartStep: 9, quantizedEndStep: 10, velocity: 80, offsetTicks: 17 },
                { pitch: 76, quantizedStartStep: 12, quantizedEndStep: 16, velocity: 70 },
              ],
            }
          : t,
      ),
    };
    const bytes = arrangementToMidi(humanised);
    const exact = midiToNotes(bytes, { keepOffsets: true }).tracks[0]?.notes;
    expect(exact).toEqual(humanised.tracks[0]?.notes);
    // read as a score (the default), the same file snaps back to the grid
    expect(midiToNotes(bytes).tracks[0]?.notes).toEqual(
      humanised.tracks[0]?.notes.map(({ offsetTicks: _o, ...n }) => n),
    );
  });
});

describe('JS renderer building blocks', () => {
  it('ADSR: attack, decay to sustain, linear release from the held level', () => {
    const env = { attack: 0.1, decay: 0.1, sustain: 0.5, release: 0.2 };
    expect(envelopeAt(env, 0.05, 1)).toBeCloseTo(0.5, 12);
    expect(envelopeAt(env, 0.15, 1)).toBeCloseTo(0.75, 12);
    expect(envelopeAt(env, 0.5, 1)).toBe(0.5);
    expect(envelopeAt(env, 1.1, 1)).toBeCloseTo(0.25, 12);
    expect(envelopeAt(env, 1.3, 1)).toBe(0);
    expect(envelopeAt(env, 0.05, 0.05)).toBeCloseTo(0.5, 12); // released during the attack
  });
  it('oscillators stay in [-1, 1] and band-limit the saw/square edges', () => {
    for (const w of ['sine', 'triangle', 'sawtooth', 'square'] as const) {
      for (let ph = 0; ph < 1; ph += 0.001) expect(Math.abs(oscillator(w, ph, 0.01))).toBeLessThanOrEqual(1 + 1e-12);
    }
    expect(oscillator('sawtooth', 0.5, 0.01)).toBe(0);
    expect(Math.abs(oscillator('sawtooth', 0.0001, 0.01))).toBeLessThan(0.1); // the edge is smoothed, not -1
  });
});

describe('MIDI', () => {
  it('round-trips every note, velocity and the tempo through a Standard MIDI File', () => {
    const bytes = arrangementToMidi(a);
    expect(String.fromCharCode(...bytes.slice(0, 4))).toBe('MThd');
    const back = midiToNotes(bytes);
    expect(back.tempo).toBeCloseTo(110, 6);
    expect(back.tracks.map((t) => t.name)).toEqual(['melody', 'chords', 'bass', 'drums']);
    expect(back.tracks[3]?.channel).toBe(9);
    a.tracks.forEach((t, i) => {
      const sortKey = (n: { pitch: number; quantizedStartStep: number }) => n.quantizedStartStep * 128 + n.pitch;
      expect([...(back.tracks[i]?.notes ?? [])].sort((x, y) => sortKey(x) - sortKey(y))).toEqual(
        [...t.notes].sort((x, y) => sortKey(x) - sortKey(y)),
      );
    });
    // 4/4 writes no time signature (the file of a 4/4 piece is unchanged); it reads back as 4/4
    expect(new Midi(bytes).header.timeSignatures).toEqual([]);
    expect(back.timeSignature).toEqual([4, 4]);
  });

  it.each([
    ['3/4', [3, 4]],
    ['6/8', [6, 8]],
  ] as const)('writes a %s time signature meta event that parses back', (meter, signature) => {
    const m = arrange({ ...params, meter });
    const bytes = arrangementToMidi(m);
    expect(midiToNotes(bytes).timeSignature).toEqual(signature);
    expect(new Midi(bytes).header.timeSignatures).toEqual([{ ticks: 0, timeSignature: signature, measures: 0 }]);
    // the drums' downbeats fall on whole 12-step bars
    const kicks = midiToNotes(bytes).tracks[3]?.notes.filter((n) => n.pitch === 36 && n.velocity === 110) ?? [];
    expect(kicks.map((n) => n.quantizedStartStep)).toEqual([0, 12]);
  });
});
