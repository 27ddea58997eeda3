import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ArrangementPanel, type ArrangementPanelProps } from '../../app/studio/panels/arrangement-panel';
import { createHistory, current, pushEdit, undo } from '../../lib/generation/edit-log/history';
import { arrangement, result } from './fixtures';
import { primerDigest } from '../../lib/generation/compose/primer-digest';
import { TakesBar } from '../../app/studio/panels/takes-bar';

const noop = () => undefined;
const player = { playing: false, loop: true, toggle: async () => undefined, stop: noop, setLoop: noop };
const html = (p: Partial<ArrangementPanelProps>) => {
  const history = p.history ?? createHistory(arrangement);
  return renderToStaticMarkup(
    createElement(ArrangementPanel, {
      arrangement: current(history),
      result,
      history,
      busy: null,
      player,
      onEdit: noop,
      onEdits: noop,
      onUndo: noop,
      onRedo: noop,
      onRegenerate: noop,
      ...p,
    }),
  );
};

describe('arrangement panel', () => {
  it('shows the digest, backend, progression and length, and one row per track with labelled controls', () => {
    const h = html({});
    expect(h).toContain('<code data-testid="digest">sha256:0123456789abcdef</code>');
    expect(h).toContain('C · G · Am · F');
    expect(h).toContain('4 bars of <span data-testid="meter">4/4</span> at 112 BPM (8.6 s)');
    for (const t of ['Melody', 'Chords', 'Bass', 'Drums']) {
      expect(h).toContain(`aria-label="Mute ${t}"`);
      expect(h).toContain(`aria-label="${t} instrument"`);
    }
    expect(h).toContain('class="table-scroll"');
  });

  it('Undo and Redo follow the history; Regenerate bar waits while busy', () => {
    expect(html({})).toMatch(/disabled="">Undo<\/button>.*disabled="">Redo<\/button>/);
    const edited = pushEdit(createHistory(arrangement), { op: 'setMute', track: 'drums', muted: true });
    const h = html({ history: edited });
    expect(h).toMatch(/class="secondary">Undo<\/button>/);
    expect(h).toContain('aria-pressed="true" aria-label="Mute Drums"');
    expect(html({ history: undo(edited) })).toMatch(/class="secondary">Redo<\/button>/);
    expect(html({ busy: 'render' })).toMatch(/disabled="">Regenerate bar<\/button>/);
  });

  it('names a melody primer with its digest (none for chords); offers Humanise; shows the takes bar it is given', () => {
    expect(html({})).not.toContain('primer-digest');
    const primer = {
      type: 'melody' as const,
      notes: [{ pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4 }],
      totalSteps: 16,
    };
    const h = html({ result: { ...result, request: { ...result.request, primer } } });
    expect(h).toContain(`<code data-testid="primer-digest">${primerDigest(primer)}</code>`);
    expect(h).toContain('Your 1 note over 1 bar, continued by the model');
    expect(h).toContain('>Humanise melody</button>');
    expect(h).toMatch(/Humanise timing \(%\)<input type="range"/);
    const withTakes = renderToStaticMarkup(
      createElement(TakesBar, { hasOther: true, label: 'B', busy: false, onAction: noop }),
    );
    expect(withTakes).toContain('Listening to take B');
    expect(withTakes).toMatch(/aria-pressed="true"[^>]*>Take B</);
    expect(withTakes).toContain('Choose take B');
    expect(
      renderToStaticMarkup(createElement(TakesBar, { hasOther: false, label: 'A', busy: false, onAction: noop })),
    ).toContain('Keep this take as A');
  });
});
