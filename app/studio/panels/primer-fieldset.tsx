'use client';
/** The Compose panel's primer: a chord progression, a typed melody, or the creator's own notes (file or keyboard). */
import type { ComposeForm } from '../../../lib/studio/compose-form';
import { OwnPrimer } from './own-primer';

const CHOICES: Array<{ value: ComposeForm['primerType']; label: string }> = [
  { value: 'chords', label: 'Chord progression' },
  { value: 'melody', label: 'Melody' },
  { value: 'own', label: 'Your own MIDI (upload or play)' },
];

export function PrimerFieldset({ form, onChange }: { form: ComposeForm; onChange(patch: Partial<ComposeForm>): void }) {
  return (
    <fieldset>
      <legend>Primer</legend>
      {CHOICES.map((c) => (
        <label className="check" key={c.value}>
          <input
            type="radio"
            name="primer"
            value={c.value}
            checked={form.primerType === c.value}
            onChange={() => onChange({ primerType: c.value })}
          />
          {c.label}
        </label>
      ))}
      <label>
        Chords, one per bar {form.primerType === 'chords' ? '' : '(empty: suggested from the key)'}
        <input type="text" value={form.chordsText} onChange={(e) => onChange({ chordsText: e.target.value })} />
      </label>
      {form.primerType === 'melody' && (
        <label>
          Primer melody (MIDI notes, one beat each)
          <input type="text" value={form.melodyText} onChange={(e) => onChange({ melodyText: e.target.value })} />
        </label>
      )}
      {form.primerType === 'own' && (
        <OwnPrimer
          value={form.ownPrimer}
          tempo={form.tempo}
          meter={form.meter}
          onChange={(v, meter) => onChange({ ownPrimer: v, ...(meter ? { meter } : {}) })}
        />
      )}
    </fieldset>
  );
}
