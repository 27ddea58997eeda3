/** Meters (3/4 and 6/8): bar lengths, beats, and the chord, bass and drum patterns of each style in each meter. */
import { describe, expect, it } from 'vitest';
import { arrange, bassLine, chordTrack, drumTrack } from './arrange';
import { DRUM_STYLES, GM_DRUMS } from './drums';
import { meterSpec, recordMeter, stepsPerBarOf, METERS } from './meter';
import { arrangementSchema, durationSeconds, totalSteps } from './types';

describe('meters', () => {
  it('has 16-step bars in 4/4 and 12 in 3/4 and 6/8, beats on quarters (3/4) and dotted quarters (6/8)', () => {
    expect(METERS.map((m) => meterSpec(m).stepsPerBar)).toEqual([16, 12, 12]);
    expect(meterSpec(undefined)).toEqual(meterSpec('4/4'));
    expect(meterSpec('3/4').beats).toEqual([0, 4, 8]);
    expect(meterSpec('6/8').beats).toEqual([0, 6]);
    expect(stepsPerBarOf({})).toBe(16);
    expect(recordMeter('4/4')).toEqual({});
    expect(recordMeter('6/8')).toEqual({ meter: '6/8' });
    expect(totalSteps({ bars: 8, meter: '3/4' })).toBe(96);
    expect(durationSeconds({ bars: 4, tempo: 120, meter: '3/4' })).toBe(6);
    expect(durationSeconds({ bars: 4, tempo: 120 })).toBe(8);
  });

  it.each(['3/4', '6/8'] as const)('every style has 12-step %s patterns with accents only on the beats', (meter) => {
    const beats = meterSpec(meter).beats;
    for (const s of DRUM_STYLES) {
      const lines = Object.values(s.meters[meter]);
      for (const line of lines) {
        expect(line, `${s.id} ${meter}`).toHaveLength(12);
        for (let i = 0; i < line.length; i++)
          if (line[i] === 'x') expect(beats, `${s.id} ${meter} ${line}`).toContain(i);
      }
      // the downbeat carries an accent in every style that plays
      if (lines.length) expect(lines.some((l) => l[0] === 'x')).toBe(true);
    }
  });

  it('drums accent the meter beats: the rock snare on beats 2 and 3 in 3/4, on the second dotted quarter in 6/8', () => {
    const snare = (meter: '3/4' | '6/8') =>
      drumTrack('rock', 2, meter)
        .filter((n) => n.pitch === GM_DRUMS.snare)
        .map((n) => n.quantizedStartStep);
    expect(snare('3/4')).toEqual([4, 8, 16, 20]);
    expect(snare('6/8')).toEqual([6, 18]);
    for (const meter of ['3/4', '6/8'] as const) {
      const accents = drumTrack('pop', 4, meter).filter((n) => n.velocity === 110);
      for (const n of accents) expect(meterSpec(meter).beats).toContain(n.quantizedStartStep % 12);
      expect(accents.filter((n) => n.quantizedStartStep % 12 === 0)).toHaveLength(4);
    }
  });

  it('bass: root on the downbeat, fifth on beat 3 (3/4) or beat 2 (6/8), pickup on the last eighth', () => {
    expect(bassLine(['C', 'G'], 'rock', '3/4')).toEqual([
      { pitch: 36, quantizedStartStep: 0, quantizedEndStep: 6, velocity: 110 },
      { pitch: 43, quantizedStartStep: 8, quantizedEndStep: 10, velocity: 90 },
      { pitch: 48, quantizedStartStep: 10, quantizedEndStep: 12, velocity: 80 },
      { pitch: 43, quantizedStartStep: 12, quantizedEndStep: 18, velocity: 110 },
      { pitch: 50, quantizedStartStep: 20, quantizedEndStep: 24, velocity: 90 },
    ]);
    expect(bassLine(['C'], 'rock', '6/8')).toEqual([
      { pitch: 36, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 110 },
      { pitch: 43, quantizedStartStep: 6, quantizedEndStep: 12, velocity: 90 },
    ]);
    expect(bassLine(['Am'], 'none', '6/8')).toEqual([
      { pitch: 45, quantizedStartStep: 0, quantizedEndStep: 12, velocity: 100 },
    ]);
  });

  it('chords comp on the meter beats and stay inside each 12-step bar', () => {
    for (const meter of ['3/4', '6/8'] as const)
      for (const style of DRUM_STYLES.map((d) => d.id)) {
        const notes = chordTrack(['C', 'F'], style, meter);
        expect(notes.length).toBeGreaterThan(0);
        for (const n of notes)
          expect(Math.floor(n.quantizedStartStep / 12), `${style} ${meter}`).toBe(
            Math.floor((n.quantizedEndStep - 1) / 12),
          );
      }
    expect(chordTrack(['C'], 'pop', '3/4').map((n) => n.quantizedStartStep)).toEqual([0, 0, 0, 4, 4, 4, 8, 8, 8]);
    expect(chordTrack(['C'], 'pop', '6/8').map((n) => n.quantizedStartStep)).toEqual([0, 0, 0, 6, 6, 6]);
  });

  it('records the meter in the arrangement only when it is not 4/4, and cuts the melody at the last 12-step bar', () => {
    const p = {
      melody: [{ pitch: 72, quantizedStartStep: 20, quantizedEndStep: 30, velocity: 100 }],
      progression: ['C', 'G'],
      bars: 2,
      tempo: 100,
      key: 'C' as const,
      scale: 'major' as const,
      style: 'rock',
    };
    const waltz = arrange({ ...p, meter: '3/4' });
    expect(arrangementSchema.parse(waltz)).toEqual(waltz);
    expect(waltz.meter).toBe('3/4');
    expect(waltz.tracks[0]?.notes).toEqual([
      { pitch: 72, quantizedStartStep: 20, quantizedEndStep: 24, velocity: 100 },
    ]);
    expect(JSON.stringify(arrange({ ...p, meter: '4/4' }))).toBe(JSON.stringify(arrange(p)));
    expect('meter' in arrange(p)).toBe(false);
    expect(() => arrangementSchema.parse({ ...arrange(p), meter: '4/4' })).toThrow();
  });
});
