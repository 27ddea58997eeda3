/** The Compose panel as server-rendered markup: its labelled controls, and what busy, progress and errors show. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ComposePanel, type ComposePanelProps } from '../../app/studio/panels/compose-panel';
import { CUSTOM_MODEL, defaultComposeForm } from '../../lib/studio/compose-form';
import { INITIAL_STATUS, studioStatus } from '../../lib/studio/status';

const noop = () => undefined;
const html = (p: Partial<ComposePanelProps>) =>
  renderToStaticMarkup(
    createElement(ComposePanel, {
      form: defaultComposeForm(),
      onChange: noop,
      onNewSeed: noop,
      state: INITIAL_STATUS,
      onCompose: noop,
      onCancel: noop,
      ...p,
    }),
  );

describe('compose panel', () => {
  it('labels every control and lists every registered model, hosted ones marked as needing the internet', () => {
    const h = html({});
    for (const label of ['Generation model', 'Key', 'Scale', 'Drum style'])
      expect(h).toContain(`aria-label="${label}"`);
    for (const text of [
      'Seed',
      'Temperature',
      'Bars',
      'Tempo (BPM)',
      'Keep the melody in the scale',
      'Chord progression',
      'Melody',
    ])
      expect(h).toContain(text);
    expect(h).toContain('magenta/basic_rnn (melody, hosted by Magenta: needs the internet)');
    expect(h).not.toContain('Checkpoint URL');
    expect(h).toMatch(/<button type="submit">Compose<\/button>/);
    expect(h).toMatch(/<button type="button" class="secondary" disabled="">Cancel<\/button>/);
  });

  it('shows the checkpoint URL field for a custom model and the melody field for a melody primer', () => {
    const h = html({
      form: { ...defaultComposeForm(), modelChoice: CUSTOM_MODEL, customUrl: '/models/x', primerType: 'melody' },
    });
    expect(h).toContain('Checkpoint URL');
    expect(h).toContain('value="/models/x"');
    expect(h).toContain('Primer melody (MIDI notes, one beat each)');
  });

  it('while generating: Compose is disabled, Cancel enabled, progress shown', () => {
    const state = [
      { type: 'compose-start' as const },
      { type: 'progress' as const, phase: 'generate' as const, fraction: 0.42 },
    ].reduce(studioStatus, INITIAL_STATUS);
    const h = html({ state });
    expect(h).toMatch(/<button type="submit" disabled="">Compose<\/button>/);
    expect(h).toMatch(/<button type="button" class="secondary">Cancel<\/button>/);
    expect(h).toContain('value="42" aria-valuetext="42%"');
    expect(h).toContain('>Generating…</p>');
  });

  it('after a failed load: the error is an alert, Compose works again', () => {
    const state = [
      { type: 'load-start' as const },
      { type: 'load-failed' as const, message: 'Could not load the model from https://x: Failed to fetch' },
    ].reduce(studioStatus, INITIAL_STATUS);
    const h = html({ state });
    expect(h).toContain(
      '<p role="alert" class="error" data-testid="error">Could not load the model from https://x: Failed to fetch</p>',
    );
    expect(h).toMatch(/<button type="submit">Compose<\/button>/);
  });
});
