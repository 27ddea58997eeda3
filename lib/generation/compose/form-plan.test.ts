/** The form plan (sampler version 2): its directives, the studio's seeded plan, and compose with a real checkpoint. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../models/node-loader';
import { writeFixtureCheckpoint } from '../../../test/studio/fixture-checkpoint';
import { mod12 } from '../arrangement/theory';
import { cadenceStep, formDirectives, formPlanProblem, planForm, type FormPlan } from './form-plan';
import { copiedEvent, soundingEvent } from '../sampling/sample-events';
import { compose, ComposeRequestError, defaultComposeRequest } from './index';

const RANGE = { minPitch: 48, maxPitch: 83 };

describe('form directives', () => {
  it('copies restated sections from the first of their letter, all but the last bar when primed', () => {
    const plan: FormPlan = { unitBars: 4, sections: ['A', "A'", 'B', 'A'], cadence: 'none' };
    const d = formDirectives(plan, { bars: 16, primerSteps: 4, key: 'C', ...RANGE });
    expect(d).toHaveLength(16 * 16 - 4);
    const at = (step: number) => d[step - 4];
    // A (bars 0-3) and B (bars 8-11): sampled
    for (const s of [4, 63, 128, 191]) expect(at(s), `step ${s}`).toBeUndefined();
    // A' (bars 4-7): bars 4-6 copied from bars 0-2, bar 7 sampled
    expect(at(64)).toEqual({ kind: 'copy', from: 0, runStart: true });
    expect(at(65)).toEqual({ kind: 'copy', from: 1, runStart: false });
    expect(at(111)).toEqual({ kind: 'copy', from: 47, runStart: false });
    expect(at(112)).toBeUndefined();
    // A (bars 12-15): all four bars copied from bars 0-3
    expect(at(192)).toEqual({ kind: 'copy', from: 0, runStart: true });
    expect(at(255)).toEqual({ kind: 'copy', from: 63, runStart: false });
  });

  it('samples the tonic at beat 3 of the last bar and holds after it, over any copy; never touches the primer', () => {
    const plan: FormPlan = { unitBars: 2, sections: ['A', 'A'], cadence: 'tonic' };
    const d = formDirectives(plan, { bars: 4, primerSteps: 20, key: 'D', ...RANGE });
    expect(cadenceStep(4)).toBe(56);
    // the copy of bar 0-1 into bars 2-3 starts at step 32, after the primer (20 steps)
    expect(d[32 - 20]).toEqual({ kind: 'copy', from: 0, runStart: true });
    // D (pitch class 2) in 48..83: 50, 62, 74 -> events 4, 16, 28
    expect(d[56 - 20]).toEqual({ kind: 'mask', allowed: [4, 16, 28] });
    for (let s = 57; s < 64; s++) expect(d[s - 20]).toEqual({ kind: 'hold' });
    // a primer over the start of a copied run: the run starts at the first generated step
    const over = formDirectives(plan, { bars: 4, primerSteps: 36, key: 'D', ...RANGE });
    expect(over[0]).toEqual({ kind: 'copy', from: 4, runStart: true });
    expect(over[1]).toEqual({ kind: 'copy', from: 5, runStart: false });
    // a primer past the cadence step: no cadence at all
    const late = formDirectives(plan, { bars: 4, primerSteps: 60, key: 'D', ...RANGE });
    expect(late.every((x) => x === undefined || x.kind === 'copy')).toBe(true);
  });

  it('refuses plans longer than the piece and a variation before its theme', () => {
    expect(formPlanProblem({ unitBars: 4, sections: ['A', 'B', 'A'], cadence: 'none' }, 8)).toMatch(/longer/);
    expect(formPlanProblem({ unitBars: 2, sections: ["A'", 'A'], cadence: 'none' }, 8)).toMatch(/comes later/);
    expect(formPlanProblem({ unitBars: 2, sections: ['A', "A'"], cadence: 'none' }, 8)).toBeNull();
  });
});

describe('copied events', () => {
  it('restate what sounds at the start of a run: a held note is struck again, silence is a note-off', () => {
    // note 62 from step 0, held; note-off at 3; note 64 at 5, held
    const events = [14, 0, 0, 1, 0, 16, 0, 0];
    expect(soundingEvent(events, 2)).toBe(14);
    expect(soundingEvent(events, 4)).toBe(1);
    expect(soundingEvent(events, 7)).toBe(16);
    expect(copiedEvent(events, { from: 6, runStart: true })).toBe(16);
    expect(copiedEvent(events, { from: 6, runStart: false })).toBe(0);
    expect(copiedEvent(events, { from: 4, runStart: true })).toBe(1);
    expect(copiedEvent(events, { from: 5, runStart: true })).toBe(16);
  });
});

describe('the studio form plan', () => {
  const loop = (bars: number, chords: string[]) => Array.from({ length: bars }, (_, b) => chords[b % chords.length]!);

  it('is seeded: 4-bar sections from 8 bars, 2-bar ones from 4, none below; always the tonic cadence', () => {
    const chords = loop(16, ['C', 'G', 'Am', 'F']);
    expect(planForm(7, 16, chords)).toEqual(planForm(7, 16, chords));
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const p = planForm(seed, 16, chords);
      expect(p.unitBars).toBe(4);
      expect(p.cadence).toBe('tonic');
      expect(formPlanProblem(p, 16)).toBeNull();
      seen.add(p.sections.join(' '));
    }
    expect([...seen].sort()).toEqual(['A A B A', "A A' B A", "A B A B'"]);
    expect(planForm(1, 6, loop(6, ['C'])).unitBars).toBe(2);
    expect(planForm(1, 6, loop(6, ['C'])).sections).toHaveLength(3);
    expect(planForm(1, 3, loop(3, ['C']))).toEqual({ unitBars: 1, sections: [], cadence: 'tonic' });
  });

  it('restates a section only over the chords it was written on (otherwise new material)', () => {
    // eight chords: bars 4-7 carry other chords than bars 0-3, bars 8-11 the same
    const chords = loop(16, ['C', 'G', 'Am', 'F', 'Dm', 'Em', 'F', 'G']);
    for (let seed = 0; seed < 20; seed++) {
      const p = planForm(seed, 16, chords);
      const first = new Map<string, number>();
      p.sections.forEach((label, u) => {
        const src = first.get(label.charAt(0));
        if (src === undefined) first.set(label.charAt(0), u);
        else expect(chords.slice(src * 4, src * 4 + 4)).toEqual(chords.slice(u * 4, u * 4 + 4));
      });
    }
  });
});

describe('compose with a form plan (fixture checkpoint, Node)', () => {
  let dir: string;
  let model: MusicRnnInstance;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'motif-form-'));
    model = await loadMusicRnnFromFolder(await writeFixtureCheckpoint(dir));
  });
  afterAll(async () => {
    model?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const bar = (notes: { pitch: number; quantizedStartStep: number; quantizedEndStep: number }[], b: number) =>
    notes
      .filter((n) => n.quantizedStartStep < 16 * b + 16 && n.quantizedEndStep > 16 * b)
      .map((n) => [n.pitch, Math.max(n.quantizedStartStep - 16 * b, 0), Math.min(n.quantizedEndStep - 16 * b, 16)]);

  it('restates the sections it plans, ends on the tonic, and is replayable on both engines', async () => {
    const form: FormPlan = { unitBars: 2, sections: ['A', 'B', 'A', "B'"], cadence: 'tonic' };
    for (const seed of [1, 2, 3]) {
      const request = defaultComposeRequest({ seed, key: 'Eb', snapToScale: false, bars: 8, form });
      const a = await compose(model, request, { engine: 'js' });
      const b = await compose(model, request, { engine: 'tfjs' });
      expect(b.digest).toBe(a.digest);
      const m = a.melody;
      expect(bar(m, 4)).toEqual(bar(m, 0));
      expect(bar(m, 5)).toEqual(bar(m, 1));
      expect(bar(m, 6)).toEqual(bar(m, 2));
      const last = [...m].sort((x, y) => y.quantizedStartStep - x.quantizedStartStep)[0]!;
      expect(last.quantizedStartStep).toBe(cadenceStep(8));
      expect(last.quantizedEndStep).toBe(8 * 16);
      expect(mod12(last.pitch)).toBe(3);
      // without the plan: sampler version 1, other notes
      const plain = await compose(model, { ...request, form: undefined }, { engine: 'js' });
      expect(plain.digest).not.toBe(a.digest);
    }
  });

  it('refuses a request whose plan does not fit', () => {
    return expect(
      compose(
        model,
        defaultComposeRequest({ bars: 8, form: { unitBars: 4, sections: ['A', 'B', 'A'], cadence: 'none' } }),
      ),
    ).rejects.toThrow(ComposeRequestError);
  });
});

describe('compose in 3/4 and 6/8 (fixture checkpoint, Node)', () => {
  let dir: string;
  let model: MusicRnnInstance;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'motif-meter-'));
    model = await loadMusicRnnFromFolder(await writeFixtureCheckpoint(dir));
  });
  afterAll(async () => {
    model?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('places the cadence on the last downbeat and copies 12-step bars', () => {
    expect(cadenceStep(8)).toBe(120);
    expect(cadenceStep(8, '4/4')).toBe(120);
    expect(cadenceStep(8, '3/4')).toBe(84);
    expect(cadenceStep(8, '6/8')).toBe(84);
    const plan: FormPlan = { unitBars: 2, sections: ['A', 'A'], cadence: 'tonic' };
    const d = formDirectives(plan, { bars: 4, primerSteps: 4, key: 'C', meter: '3/4', ...RANGE });
    expect(d).toHaveLength(4 * 12 - 4);
    expect(d[24 - 4]).toEqual({ kind: 'copy', from: 0, runStart: true });
    expect(d[35 - 4]).toEqual({ kind: 'copy', from: 11, runStart: false });
    expect(d[36 - 4]).toEqual({ kind: 'mask', allowed: [2, 14, 26] });
    for (let t = 37; t < 48; t++) expect(d[t - 4]).toEqual({ kind: 'hold' });
  });

  it.each(['3/4', '6/8'] as const)(
    'composes %s: 12-step bars, every note inside the grid, a tonic on the last downbeat, replayable',
    async (meter) => {
      const bars = 8;
      const progression = ['C', 'G', 'Am', 'F'];
      const form = planForm(5, bars, [...progression, ...progression]);
      const request = defaultComposeRequest({ seed: 5, bars, meter, form, snapToScale: false });
      const a = await compose(model, request, { engine: 'js' });
      const b = await compose(model, request, { engine: 'tfjs' });
      expect(b.digest).toBe(a.digest);
      expect((await compose(model, request, { engine: 'js' })).arrangement).toEqual(a.arrangement);
      expect(a.arrangement.meter).toBe(meter);
      expect(a.arrangement.progression).toHaveLength(bars);
      for (const t of a.arrangement.tracks)
        for (const n of t.notes) {
          expect(n.quantizedStartStep).toBeGreaterThanOrEqual(0);
          expect(n.quantizedEndStep, `${t.id} ${JSON.stringify(n)}`).toBeLessThanOrEqual(bars * 12);
        }
      // chords, bass and drums sit inside their bars
      for (const id of ['chords', 'bass', 'drums'] as const)
        for (const n of a.arrangement.tracks.find((t) => t.id === id)?.notes ?? [])
          expect(Math.floor(n.quantizedStartStep / 12)).toBe(Math.floor((n.quantizedEndStep - 1) / 12));
      const last = [...a.melody].sort((x, y) => y.quantizedStartStep - x.quantizedStartStep)[0]!;
      expect(last.quantizedStartStep).toBe(cadenceStep(bars, meter));
      expect(last.quantizedStartStep % 12).toBe(0);
      expect(last.quantizedEndStep).toBe(bars * 12);
      expect(mod12(last.pitch)).toBe(0);
      // the 4/4 piece of the same request is another piece (16-step bars, no meter recorded)
      const common = await compose(model, { ...request, meter: undefined }, { engine: 'js' });
      expect(common.arrangement.meter).toBeUndefined();
      expect('meter' in common.arrangement).toBe(false);
      expect(common.digest).not.toBe(a.digest);
    },
  );

  it('refuses a primer as long as a 3/4 piece', () => {
    const primer = { type: 'melody' as const, notes: [{ pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4 }] };
    return expect(
      compose(model, defaultComposeRequest({ bars: 2, meter: '3/4', primer: { ...primer, totalSteps: 24 } })),
    ).rejects.toThrow(ComposeRequestError);
  });
});
