/**
 * The studio's compose form: what the creator typed (kept as typed, so a restored session shows the same fields),
 * and the two rules that turn it into work: which checkpoint to load, and the ComposeRequest to send.
 */
import { z } from 'zod';
import { keySchema, scaleSchema } from '../generation/arrangement/types';
import { meterSchema, recordMeter } from '../generation/arrangement/meter';
import { parseComposeRequest, progressionFor, type ComposeRequest } from '../generation/compose/request';
import { planForm } from '../generation/compose/form-plan';
import { checkpointUrl, defaultModel, MODEL_REGISTRY } from '../generation/models/registry';
import { STUDIO_ONSET_WEIGHT_FITS } from '../generation/models/studio-onset-weight';
import { STUDIO_TEMPERATURE_FITS } from '../generation/models/studio-temperature';
import { TUNE_MEMORY_FITS } from '../generation/models/tune-memory-fits';
import { recordedPrimerSchema } from './primer';
import { BaseError } from '../errors/base';

/** The model choice that reads a checkpoint URL from `customUrl`. */
export const CUSTOM_MODEL = 'custom';

export const composeFormSchema = z.object({
  modelChoice: z.string(),
  customUrl: z.string(),
  seed: z.number(),
  temperature: z.number(),
  bars: z.number(),
  key: keySchema,
  scale: scaleSchema,
  tempo: z.number(),
  /** `own`: the creator's own notes (an uploaded MIDI file or notes played on the keyboard), in `ownPrimer`. */
  primerType: z.enum(['chords', 'melody', 'own']),
  chordsText: z.string(),
  melodyText: z.string(),
  style: z.string(),
  snap: z.boolean(),
  /**
   * Give the melody form: restated sections and a tonic ending (lib/generation/compose/form-plan.ts, sampler
   * version 2). Sessions saved before it existed read as on.
   */
  melodyForm: z.boolean().default(true),
  /**
   * Let the melody remember itself: sample from the model mixed with what the piece so far says comes next
   * (lib/generation/sampling/tune-memory.ts, sampler version 3), with the weights fitted for the chosen model; models
   * without a fit (hosted, custom URL) compose without. Sessions saved before it existed read as on.
   */
  tuneMemory: z.boolean().default(true),
  /**
   * Write the corpus's note density: weigh every note onset by the factor fitted for the chosen model
   * (lib/generation/models/studio-onset-weight.ts, sampler version 4); models without a fit compose without.
   * Sessions saved before it existed read as on.
   */
  noteDensity: z.boolean().default(true),
  /** Sessions saved before the own primer existed read as null. */
  ownPrimer: recordedPrimerSchema.nullable().default(null),
  /** 4/4, 3/4 or 6/8 (lib/generation/arrangement/meter.ts); sessions saved before meters read as 4/4. */
  meter: meterSchema.default('4/4'),
});
export type ComposeForm = z.infer<typeof composeFormSchema>;

/**
 * The form a new session starts with. Every Motif piece has chords (given, or suggested from the key), so the default
 * model is the chord-conditioned one: with the default chords it keeps 96 % of its notes in the key and 70 % on the
 * chord (the melody-only model, which ignores chords: 71 % and 32 %; `npm run bench model-samples`).
 */
export function defaultComposeForm(): ComposeForm {
  const modelChoice = defaultModel('chord-melody').id;
  return {
    modelChoice,
    customUrl: '',
    seed: 42,
    temperature: defaultTemperatureOf(modelChoice),
    bars: 8,
    key: 'C',
    scale: 'major',
    tempo: 112,
    primerType: 'chords',
    chordsText: 'C G Am F',
    melodyText: '60 64 67 72',
    style: 'pop',
    snap: true,
    melodyForm: true,
    tuneMemory: true,
    noteDensity: true,
    ownPrimer: null,
    meter: '4/4',
  };
}

/**
 * The temperature a model starts at in the studio: its fitted one (scripts/models/fit-temperature.ts: the meter-aware
 * chord model writes the corpus's note density a little hotter than 1), else 1.
 */
export function defaultTemperatureOf(modelId: string): number {
  return STUDIO_TEMPERATURE_FITS[modelId] ?? 1;
}

/**
 * The form with another model chosen. A temperature the creator left at the old model's default follows the new
 * model's default; one they set themselves stays.
 */
export function withModelChoice(form: ComposeForm, modelChoice: string): ComposeForm {
  const untouched = form.temperature === defaultTemperatureOf(form.modelChoice);
  return { ...form, modelChoice, ...(untouched ? { temperature: defaultTemperatureOf(modelChoice) } : {}) };
}

export class ComposeFormError extends BaseError {
  override name = 'ComposeFormError';
}

export type ModelTarget = { modelId: string; url: string };

/**
 * The checkpoint to load: a registered model by id, or a custom URL (resolved against `pageUrl`, the model id then
 * being `url:<absolute url>`). Throws ComposeFormError when there is nothing to load.
 */
export function modelTarget(form: Pick<ComposeForm, 'modelChoice' | 'customUrl'>, pageUrl: string): ModelTarget {
  if (form.modelChoice === CUSTOM_MODEL) {
    if (!form.customUrl.trim())
      throw new ComposeFormError('Enter a checkpoint URL (a folder with config.json and weights_manifest.json).');
    const url = new URL(form.customUrl.trim(), pageUrl).toString().replace(/\/$/, '');
    return { modelId: `url:${url}`, url };
  }
  const m = MODEL_REGISTRY.find((x) => x.id === form.modelChoice);
  if (!m) throw new ComposeFormError(`Unknown model ${form.modelChoice}: choose one from the list.`);
  return { modelId: m.id, url: new URL(checkpointUrl(m, new URL(pageUrl).origin), pageUrl).toString() };
}

/** Whether the model has a tune memory fitted for it (the studio's own models): the switch applies only then. */
export function hasTuneMemory(modelId: string): boolean {
  return Object.hasOwn(TUNE_MEMORY_FITS, modelId);
}

/** Whether the model has an onset weight fitted for it (the studio's default model): the switch applies only then. */
export function hasOnsetWeight(modelId: string): boolean {
  return Object.hasOwn(STUDIO_ONSET_WEIGHT_FITS, modelId);
}

/**
 * The ComposeRequest the form describes (ComposeRequestError from the schema when a field is out of range); with
 * `melodyForm`, the seeded form plan of `planForm` over the request's chords per bar; with `tuneMemory`, the model's
 * fitted tune memory when it has one; with `noteDensity`, the model's fitted onset weight when it has one.
 */
export function requestFromForm(form: ComposeForm, modelId: string): ComposeRequest {
  const chords = form.chordsText.split(/[\s,|]+/).filter(Boolean);
  const pitches = form.melodyText
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  if (form.primerType === 'melody' && (pitches.length === 0 || pitches.some((p) => !Number.isInteger(p)))) {
    throw new ComposeFormError('The primer melody must be MIDI note numbers separated by spaces, e.g. "60 64 67".');
  }
  if (form.primerType === 'own' && !form.ownPrimer)
    throw new ComposeFormError('Upload a MIDI file or play some notes first: your primer is empty.');
  const request = parseComposeRequest({
    version: 1,
    modelId,
    seed: form.seed,
    temperature: form.temperature,
    bars: form.bars,
    key: form.key,
    scale: form.scale,
    tempo: form.tempo,
    style: form.style,
    snapToScale: form.snap,
    primer:
      form.primerType === 'chords'
        ? { type: 'chords', progression: chords }
        : form.primerType === 'own' && form.ownPrimer
          ? { type: 'melody', notes: form.ownPrimer.notes, totalSteps: form.ownPrimer.totalSteps }
          : {
              type: 'melody',
              notes: pitches.map((p, i) => ({ pitch: p, quantizedStartStep: i * 4, quantizedEndStep: i * 4 + 4 })),
              totalSteps: pitches.length * 4,
            },
    ...(form.primerType !== 'chords' && chords.length ? { progression: chords } : {}),
    ...recordMeter(form.meter),
  });
  const memory = form.tuneMemory && hasTuneMemory(modelId) ? TUNE_MEMORY_FITS[modelId] : undefined;
  const onsetWeight = form.noteDensity && hasOnsetWeight(modelId) ? STUDIO_ONSET_WEIGHT_FITS[modelId] : undefined;
  if (!form.melodyForm && !memory && onsetWeight === undefined) return request;
  return parseComposeRequest({
    ...request,
    ...(form.melodyForm ? { form: planForm(request.seed, request.bars, progressionFor(request).chords) } : {}),
    ...(memory ? { memory } : {}),
    ...(onsetWeight !== undefined ? { onsetWeight } : {}),
  });
}
