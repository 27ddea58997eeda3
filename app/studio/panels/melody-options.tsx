'use client';
/**
 * The Compose panel's melody switches: snapping to the scale, the melodic form (sampler version 2), the tune memory
 * (version 3) and the fitted note density (version 4). A switch whose fit the chosen model lacks is disabled, and its
 * hint says why.
 */
import { hasOnsetWeight, hasTuneMemory, type ComposeForm } from '../../../lib/studio/compose-form';

export type MelodyOptionsProps = {
  form: ComposeForm;
  onChange(patch: Partial<ComposeForm>): void;
};

export function MelodyOptions({ form, onChange }: MelodyOptionsProps) {
  const memory = hasTuneMemory(form.modelChoice);
  const density = hasOnsetWeight(form.modelChoice);
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={form.snap} onChange={(e) => onChange({ snap: e.target.checked })} />
        Keep the melody in the scale
      </label>
      <label className="check">
        <input type="checkbox" checked={form.melodyForm} onChange={(e) => onChange({ melodyForm: e.target.checked })} />
        Give the melody form (repeat sections, end on the tonic)
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.tuneMemory}
          disabled={!memory}
          aria-describedby="tune-memory-hint"
          onChange={(e) => onChange({ tuneMemory: e.target.checked })}
        />
        Let the melody remember itself (reuse its own motifs)
      </label>
      <p id="tune-memory-hint" className="muted">
        {memory
          ? 'The model is mixed with what the piece so far says comes next (recorded in the sampler and its inputs).'
          : 'Only Motif’s own models have a tune memory fitted; this model composes without one.'}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={form.noteDensity}
          disabled={!density}
          aria-describedby="note-density-hint"
          onChange={(e) => onChange({ noteDensity: e.target.checked })}
        />
        Write the note density of real tunes
      </label>
      <p id="note-density-hint" className="muted">
        {density
          ? 'Each new note is weighed by the factor fitted for this model, so its pieces start as many notes a bar as the tunes it learned from (recorded as sampler version 4).'
          : 'Only Motif’s default model has a note density fitted; this model composes with its own.'}
      </p>
    </>
  );
}
