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
