/** The melody switches as server-rendered markup: each labelled, and a switch without a fit disabled with its reason. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MelodyOptions } from '../../app/studio/panels/melody-options';
import { CUSTOM_MODEL, defaultComposeForm, type ComposeForm } from '../../lib/studio/compose-form';

const html = (form: ComposeForm) =>
  renderToStaticMarkup(createElement(MelodyOptions, { form, onChange: () => undefined }));
const checkbox = (h: string, hint: string) =>
  new RegExp(`<input type="checkbox"[^>]*aria-describedby="${hint}"[^>]*/>`).exec(h)?.[0] ?? '';

describe('melody options', () => {
  it('with the default model: every switch on and enabled, each hint naming what it records', () => {
    const h = html(defaultComposeForm());
    for (const text of [
      'Keep the melody in the scale',
      'Give the melody form',
      'Let the melody remember itself',
      'Write the note density of real tunes',
    ])
      expect(h).toContain(text);
    for (const hint of ['tune-memory-hint', 'note-density-hint']) {
      expect(checkbox(h, hint)).toContain('checked=""');
      expect(checkbox(h, hint)).not.toContain('disabled');
    }
    expect(h).toContain('recorded as sampler version 4');
  });

  it('with a model that has no fits: the memory and density switches are disabled and say why', () => {
    const h = html({ ...defaultComposeForm(), modelChoice: CUSTOM_MODEL, customUrl: '/models/x' });
    for (const hint of ['tune-memory-hint', 'note-density-hint']) expect(checkbox(h, hint)).toContain('disabled=""');
    expect(h).toContain('Only Motif’s own models have a tune memory fitted');
    expect(h).toContain('Only Motif’s default model has a note density fitted');
  });

  it('turned off, the density switch is unchecked', () => {
    expect(checkbox(html({ ...defaultComposeForm(), noteDensity: false }), 'note-density-hint')).not.toContain(
      'checked',
    );
  });
});
