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

/** A switch that applies only when the chosen model has a fit for it: disabled without one, the hint saying why. */
function FittedSwitch(p: {
  id: string;
  label: string;
  checked: boolean;
  fitted: boolean;
  onChange(checked: boolean): void;
  hint: string;
  unfittedHint: string;
}) {
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={p.checked}
          disabled={!p.fitted}
          aria-describedby={`${p.id}-hint`}
          onChange={(e) => p.onChange(e.target.checked)}
        />
        {p.label}
      </label>
      <p id={`${p.id}-hint`} className="muted">
        {p.fitted ? p.hint : p.unfittedHint}
      </p>
    </>
  );
}

export function MelodyOptions({ form, onChange }: MelodyOptionsProps) {
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
      <FittedSwitch
        id="tune-memory"
        label="Let the melody remember itself (reuse its own motifs)"
        checked={form.tuneMemory}
        fitted={hasTuneMemory(form.modelChoice)}
        onChange={(tuneMemory) => onChange({ tuneMemory })}
        hint="The model is mixed with what the piece so far says comes next (recorded in the sampler and its inputs)."
        unfittedHint="Only Motif’s own models have a tune memory fitted; this model composes without one."
      />
      <FittedSwitch
        id="note-density"
        label="Write the note density of real tunes"
        checked={form.noteDensity}
        fitted={hasOnsetWeight(form.modelChoice)}
        onChange={(noteDensity) => onChange({ noteDensity })}
        hint="Each new note is weighed by the factor fitted for this model, so its pieces start as many notes a bar as the tunes it learned from (recorded as sampler version 4)."
        unfittedHint="Only Motif’s default model has a note density fitted; this model composes with its own."
      />
    </>
  );
}
