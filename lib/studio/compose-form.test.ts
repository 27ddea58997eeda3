import { describe, expect, it } from 'vitest';
import { ComposeRequestError } from '../generation/compose/request';
import { SHIPPED_MODELS, HOSTED_MODELS } from '../generation/models/registry';
import { planForm } from '../generation/compose/form-plan';
import {
  ComposeFormError,
  composeFormSchema,
  CUSTOM_MODEL,
  defaultComposeForm,
  defaultTemperatureOf,
  hasOnsetWeight,
  modelTarget,
  requestFromForm,
  withModelChoice,
} from './compose-form';
import { STUDIO_TEMPERATURE_FITS } from '../generation/models/studio-temperature';
import { STUDIO_ONSET_WEIGHT_FITS } from '../generation/models/studio-onset-weight';
import { samplerFor } from '../provenance/procedures';

const PAGE = 'http://localhost:3000/studio?session=abc';

describe('compose form', () => {
  it('defaults to the chord-conditioned shipped model (the default primer is chords) and a form the schema accepts', () => {
    const f = defaultComposeForm();
    expect(f.primerType).toBe('chords');
    expect(SHIPPED_MODELS.find((m) => m.id === f.modelChoice)?.task).toBe('chord-melody');
    expect(composeFormSchema.parse(f)).toEqual(f);
  });

  it('starts at the fitted temperature of the default model, and a model switch carries an untouched temperature along', () => {
    const f = defaultComposeForm();
    expect(f.temperature).toBe(STUDIO_TEMPERATURE_FITS[f.modelChoice] ?? 1);
    const other = SHIPPED_MODELS.find((m) => STUDIO_TEMPERATURE_FITS[m.id] === undefined)!;
    expect(defaultTemperatureOf(other.id)).toBe(1);
    // untouched: the temperature follows the model, both ways
    const switched = withModelChoice(f, other.id);
    expect(switched).toEqual({ ...f, modelChoice: other.id, temperature: 1 });
    expect(withModelChoice(switched, f.modelChoice)).toEqual(f);
    // set by the creator: it stays
    const own = withModelChoice({ ...f, temperature: 0.8 }, other.id);
    expect(own.temperature).toBe(0.8);
    expect(own.modelChoice).toBe(other.id);
  });

  it('targets a shipped model under the page origin, a hosted one at its bucket, a custom URL resolved and named url:', () => {
    const shipped = SHIPPED_MODELS[0]!;
    expect(modelTarget({ modelChoice: shipped.id, customUrl: '' }, PAGE)).toEqual({
      modelId: shipped.id,
      url: `http://localhost:3000${shipped.urlPath}`,
    });
    const hosted = HOSTED_MODELS[0]!;
    expect(modelTarget({ modelChoice: hosted.id, customUrl: '' }, PAGE)).toEqual({
      modelId: hosted.id,
      url: hosted.url,
    });
    expect(modelTarget({ modelChoice: CUSTOM_MODEL, customUrl: ' /models/mine/ ' }, PAGE)).toEqual({
      modelId: 'url:http://localhost:3000/models/mine',
      url: 'http://localhost:3000/models/mine',
    });
  });

  it('plans the melodic form from the seed by default (sampler version 2) and leaves it out when switched off', () => {
    const on = requestFromForm({ ...defaultComposeForm(), bars: 16, seed: 5 }, 'm');
    expect(on.form).toEqual(
      planForm(5, 16, ['C', 'G', 'Am', 'F', 'C', 'G', 'Am', 'F', 'C', 'G', 'Am', 'F', 'C', 'G', 'Am', 'F']),
    );
    expect(on.form?.cadence).toBe('tonic');
    const off = requestFromForm({ ...defaultComposeForm(), bars: 16, seed: 5, melodyForm: false }, 'm');
    expect(off.form).toBeUndefined();
    expect({ ...on, form: undefined }).toEqual({ ...off, form: undefined });
    // sessions saved before the switch existed read as on
    const { melodyForm: _dropped, ...old } = defaultComposeForm();
    expect(composeFormSchema.parse(old).melodyForm).toBe(true);
  });

  it('records the fitted onset weight for a model that has one (sampler version 4), none when switched off or unfitted', () => {
    const fitted = Object.keys(STUDIO_ONSET_WEIGHT_FITS)[0]!;
    expect(hasOnsetWeight(fitted)).toBe(true);
    const on = requestFromForm({ ...defaultComposeForm(), modelChoice: fitted }, fitted);
    expect(on.onsetWeight).toBe(STUDIO_ONSET_WEIGHT_FITS[fitted]);
    expect(samplerFor(on).version).toBe(4);
    const off = requestFromForm({ ...defaultComposeForm(), modelChoice: fitted, noteDensity: false }, fitted);
    expect(off.onsetWeight).toBeUndefined();
    expect({ ...on, onsetWeight: undefined }).toEqual({ ...off, onsetWeight: undefined });
    expect(requestFromForm(defaultComposeForm(), 'm').onsetWeight).toBeUndefined();
    expect(hasOnsetWeight('m')).toBe(false);
    // sessions saved before the switch existed read as on
    const { noteDensity: _dropped, ...old } = defaultComposeForm();
    expect(composeFormSchema.parse(old).noteDensity).toBe(true);
  });

  it('records the meter in the request only when it is not 4/4; sessions saved before meters read as 4/4', () => {
    const form = defaultComposeForm();
    expect(form.meter).toBe('4/4');
    expect('meter' in requestFromForm(form, 'm')).toBe(false);
    const waltz = requestFromForm({ ...form, meter: '3/4' }, 'm');
    expect(waltz.meter).toBe('3/4');
    // the form plan is the same: 4-bar sections of 12-step bars
    expect(waltz.form).toEqual(requestFromForm(form, 'm').form);
    expect(requestFromForm({ ...form, meter: '6/8' }, 'm').meter).toBe('6/8');
    const { meter: _meter, ...old } = form;
    expect(composeFormSchema.parse(old).meter).toBe('4/4');
    expect(() => composeFormSchema.parse({ ...form, meter: '5/4' })).toThrow();
  });

  it('refuses an empty custom URL and an unknown model id', () => {
    expect(() => modelTarget({ modelChoice: CUSTOM_MODEL, customUrl: '  ' }, PAGE)).toThrow(ComposeFormError);
    expect(() => modelTarget({ modelChoice: 'nope/model', customUrl: '' }, PAGE)).toThrow(/Unknown model nope\/model/);
  });

  it('builds a chord-primed request from the fields', () => {
    const r = requestFromForm(
      { ...defaultComposeForm(), seed: 2024, key: 'G', chordsText: 'G, C | D7  G', bars: 8 },
      'm',
    );
    expect(r).toMatchObject({
      version: 1,
      modelId: 'm',
      seed: 2024,
      key: 'G',
      bars: 8,
      primer: { type: 'chords', progression: ['G', 'C', 'D7', 'G'] },
    });
    expect(r.progression).toBeUndefined();
  });

  it('builds a melody primer one beat per note, with the chords as progression when given', () => {
    const r = requestFromForm(
      { ...defaultComposeForm(), primerType: 'melody', melodyText: '60 62', chordsText: 'C F' },
      'm',
    );
    expect(r.primer).toEqual({
      type: 'melody',
      notes: [
        { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4 },
        { pitch: 62, quantizedStartStep: 4, quantizedEndStep: 8 },
      ],
      totalSteps: 8,
    });
    expect(r.progression).toEqual(['C', 'F']);
    expect(
      requestFromForm({ ...defaultComposeForm(), primerType: 'melody', chordsText: '' }, 'm').progression,
    ).toBeUndefined();
  });

  it('refuses a melody primer that is not note numbers, and out-of-range fields through the request schema', () => {
    expect(() => requestFromForm({ ...defaultComposeForm(), primerType: 'melody', melodyText: '60 E4' }, 'm')).toThrow(
      ComposeFormError,
    );
    expect(() => requestFromForm({ ...defaultComposeForm(), primerType: 'melody', melodyText: '' }, 'm')).toThrow(
      ComposeFormError,
    );
    expect(() => requestFromForm({ ...defaultComposeForm(), bars: 0 }, 'm')).toThrow(ComposeRequestError);
    expect(() => requestFromForm({ ...defaultComposeForm(), seed: -1 }, 'm')).toThrow(ComposeRequestError);
  });

  it("uses the creator's own primer (file or keyboard) as the melody primer; an empty one is refused", () => {
    const ownPrimer = {
      source: 'mine.mid',
      notes: [{ pitch: 62, quantizedStartStep: 0, quantizedEndStep: 3 }],
      totalSteps: 16,
    };
    const r = requestFromForm({ ...defaultComposeForm(), primerType: 'own', ownPrimer }, 'm');
    expect(r.primer).toEqual({ type: 'melody', notes: ownPrimer.notes, totalSteps: 16 });
    expect(r.progression).toEqual(['C', 'G', 'Am', 'F']);
    expect(() => requestFromForm({ ...defaultComposeForm(), primerType: 'own' }, 'm')).toThrow(/primer is empty/);
  });
});
