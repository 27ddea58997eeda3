import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RenderPanel, type RenderPanelProps } from '../../app/studio/panels/render-panel';
import { createHistory } from '../../lib/generation/edit-log/history';
import { arrangement, result } from './fixtures';

const html = (p: Partial<RenderPanelProps>) =>
  renderToStaticMarkup(
    createElement(RenderPanel, {
      arrangement,
      history: createHistory(arrangement),
      result,
      busy: null,
      render: null,
      onRender: () => undefined,
      ...p,
    }),
  );

describe('render panel', () => {
  it('offers the three renderers and the exports; no download before a render', () => {
    const h = html({});
    expect(h).toContain('aria-label="Renderer"');
    expect(h.match(/<option /g)?.length).toBe(3);
    expect(h).toMatch(/<button type="button">Render WAV<\/button>/);
    expect(h).not.toContain('Download WAV');
  });

  it('shows the render with its waveform and a named WAV download; Render waits while busy', () => {
    const render = {
      wavUrl: 'blob:x',
      peaks: [[-0.5, 0.5]] as Array<[number, number]>,
      seconds: 9.6,
      xRealtime: 40,
      engine: 'JS oscillators',
      bytes: 1_693_484,
      peak: 0.891,
      watermark: null,
    };
    const h = html({ render, busy: 'compose' });
    expect(h).toContain('JS oscillators: 9.6 s, 44.1 kHz 16-bit stereo, 1.62 MB, 40.0× real time, peak -1.0 dBFS.');
    expect(h).toContain('href="blob:x" download="motif-01234567.wav"');
    expect(h).toMatch(/disabled="">Render WAV<\/button>/);
  });
});
