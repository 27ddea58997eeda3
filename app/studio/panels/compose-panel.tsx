'use client';
/** The Compose panel: model, seed, key, tempo, primer; Compose and Cancel; progress, status and the error. */
import type { FormEvent } from 'react';
import { DRUM_STYLES } from '../../../lib/generation/arrangement/drums';
import { METERS } from '../../../lib/generation/arrangement/meter';
import { KEYS, SCALE_NAMES, type KeyName, type ScaleName } from '../../../lib/generation/arrangement/theory';
import { MODEL_REGISTRY } from '../../../lib/generation/models/registry';
import { CUSTOM_MODEL, withModelChoice, type ComposeForm } from '../../../lib/studio/compose-form';
import type { StudioStatus } from '../../../lib/studio/status';
import { MelodyOptions } from './melody-options';
import { PrimerFieldset } from './primer-fieldset';

export const SCALE_LABEL: Record<ScaleName, string> = {
  major: 'Major',
  minor: 'Natural minor',
  dorian: 'Dorian',
  mixolydian: 'Mixolydian',
  harmonicMinor: 'Harmonic minor',
  majorPentatonic: 'Major pentatonic',
  minorPentatonic: 'Minor pentatonic',
};

export type ComposePanelProps = {
  form: ComposeForm;
  onChange(patch: Partial<ComposeForm>): void;
  onNewSeed(): void;
  state: StudioStatus;
  onCompose(): void;
  onCancel(): void;
};

const pct = (v: number | null): number => (v === null ? 0 : Math.round(v * 100));

function Bar({ label, value }: { label: string; value: number | null }) {
  return (
    <label>
      {label} <progress max={100} value={pct(value)} aria-valuetext={`${pct(value)}%`} />
    </label>
  );
}

export function ComposePanel({ form, onChange, onNewSeed, state, onCompose, onCancel }: ComposePanelProps) {
  const num = (k: 'seed' | 'temperature' | 'bars' | 'tempo') => (e: { target: { value: string } }) =>
    onChange({ [k]: Number(e.target.value) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onCompose();
  };
  return (
    <form className="panel compose" onSubmit={submit} aria-labelledby="compose-h">
      <h2 id="compose-h">Compose</h2>
      <div className="grid">
        <label>
          Generation model
          <select
            aria-label="Generation model"
            value={form.modelChoice}
            onChange={(e) => {
              const next = withModelChoice(form, e.target.value);
              onChange({ modelChoice: next.modelChoice, temperature: next.temperature });
            }}
          >
            {MODEL_REGISTRY.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id} ({m.task}
                {m.source === 'shipped' && m.meterEncoder ? ', knows 3/4 and 6/8' : ''}
                {m.source === 'hosted' ? ', hosted by Magenta: needs the internet' : ''})
              </option>
            ))}
            <option value={CUSTOM_MODEL}>Custom checkpoint by URL</option>
          </select>
        </label>
        {form.modelChoice === CUSTOM_MODEL && (
          <label>
            Checkpoint URL
            <input
              type="text"
              value={form.customUrl}
              placeholder="/models/…"
              onChange={(e) => onChange({ customUrl: e.target.value })}
            />
          </label>
        )}
        <label>
          Seed
          <input type="number" min={0} max={4294967295} step={1} value={form.seed} onChange={num('seed')} />
        </label>
        <button type="button" className="secondary" onClick={onNewSeed}>
          New seed
        </button>
        <label>
          Temperature
          <input type="number" min={0} max={3} step={0.05} value={form.temperature} onChange={num('temperature')} />
        </label>
        <label>
          Bars
          <input type="number" min={1} max={128} step={1} value={form.bars} onChange={num('bars')} />
        </label>
        <label>
          Meter
          <select
            aria-label="Meter"
            value={form.meter}
            onChange={(e) => onChange({ meter: METERS.find((m) => m === e.target.value) ?? form.meter })}
          >
            {METERS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label>
          Key
          <select
            aria-label="Key"
            value={form.key}
            onChange={(e) => onChange({ key: KEYS.find((k): k is KeyName => k === e.target.value) ?? form.key })}
          >
            {KEYS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Scale
          <select
            aria-label="Scale"
            value={form.scale}
            onChange={(e) => onChange({ scale: SCALE_NAMES.find((s) => s === e.target.value) ?? form.scale })}
          >
            {SCALE_NAMES.map((s) => (
              <option key={s} value={s}>
                {SCALE_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tempo (BPM)
          <input type="number" min={20} max={300} step={1} value={form.tempo} onChange={num('tempo')} />
        </label>
        <label>
          Drum style
          <select aria-label="Drum style" value={form.style} onChange={(e) => onChange({ style: e.target.value })}>
            {DRUM_STYLES.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <MelodyOptions form={form} onChange={onChange} />
      </div>
      <PrimerFieldset form={form} onChange={onChange} />
      <div className="row">
        <button type="submit" disabled={state.busy !== null}>
          Compose
        </button>
        <button
          type="button"
          className="secondary"
          onClick={onCancel}
          disabled={state.busy !== 'compose' && state.busy !== 'regenerate'}
        >
          Cancel
        </button>
      </div>
      <div className="progress-list">
        <Bar label="Model loading progress" value={state.progress.load} />
        <Bar label="Generation progress" value={state.progress.generate} />
        <Bar label="Rendering progress" value={state.progress.render} />
      </div>
      <p role="status" aria-live="polite" className="status" data-testid="status">
        {state.status}
      </p>
      {state.error && (
        <p role="alert" className="error" data-testid="error">
          {state.error}
        </p>
      )}
    </form>
  );
}
