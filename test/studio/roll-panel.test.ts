import { createElement, createRef } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RollPanel } from '../../app/studio/panels/roll-panel';
import { arrangement } from './fixtures';

describe('piano roll panel', () => {
  it('draws the melody track full length inside its own scroll box, each note a labelled button', () => {
    const h = renderToStaticMarkup(
      createElement(RollPanel, { arrangement, playheadRef: createRef<SVGLineElement>(), onEdit: () => true }),
    );
    expect(h).toContain(
      '<div class="roll-scroll" role="region" aria-label="Piano roll of the melody track" tabindex="0">',
    );
    expect(h).toContain(`width="${4 * 16 * 10}"`);
    expect(h).toContain('aria-label="C4, bar 1 step 1, 4 sixteenths"');
    expect(h).toContain('aria-label="E4, bar 1 step 5, 4 sixteenths"');
    expect(h).toContain('aria-label="Add a note"');
  });
});
