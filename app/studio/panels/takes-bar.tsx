'use client';
/** A/B takes: keep the take in hand as A, compose B, listen to either, choose one (rules: lib/studio/takes.ts). */
import type { TakeLabel } from '../../../lib/studio/takes';

export function TakesBar(p: {
  hasOther: boolean;
  label: TakeLabel;
  busy: boolean;
  onAction(type: 'keep' | 'switch' | 'choose'): void;
}) {
  if (!p.hasOther)
    return (
      <div className="row" role="group" aria-label="Takes">
        <button type="button" className="secondary" onClick={() => p.onAction('keep')} disabled={p.busy}>
          Keep this take as A
        </button>
        <span className="muted">Then compose again for take B and compare them.</span>
      </div>
    );
  return (
    <div className="row" role="group" aria-label="Takes">
      <span data-testid="take-label">Listening to take {p.label}</span>
      {(['A', 'B'] as const).map((l) => (
        <button
          key={l}
          type="button"
          className="toggle"
          aria-pressed={p.label === l}
          onClick={() => p.label !== l && p.onAction('switch')}
          disabled={p.busy}
        >
          Take {l}
        </button>
      ))}
      <button type="button" className="secondary" onClick={() => p.onAction('choose')} disabled={p.busy}>
        Choose take {p.label}
      </button>
      <span className="muted">Composing again replaces take B.</span>
    </div>
  );
}
