import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RenderPanel, type RenderPanelProps } from '../../app/studio/panels/render-panel';
import { createHistory } from '../../lib/generation/edit-log/history';
import { DEFAULT_SF_MIX } from '../../lib/generation/render/sf/gm';
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
      mix: DEFAULT_SF_MIX,
      onMixChange: () => undefined,
      ...p,
    }),
  );

describe('render panel', () => {
  it('offers the four renderers (General MIDI first) and the exports; no download before a render', () => {
    const h = html({});
    expect(h).toContain('aria-label="Renderer"');
    const renderer = h.slice(h.indexOf('aria-label="Renderer"'));
    expect(renderer.slice(0, renderer.indexOf('</select>')).match(/<option /g)?.length).toBe(4);
    expect(renderer).toMatch(/<option value="sf" selected="">General MIDI instruments/);
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
      soundfont: null,
    };
    const h = html({ render, busy: 'compose' });
    expect(h).toContain('JS oscillators: 9.6 s, 44.1 kHz 16-bit stereo, 1.62 MB, 40.0× real time, peak -1.0 dBFS.');
    expect(h).toContain('href="blob:x" download="motif-01234567.wav"');
    expect(h).toMatch(/disabled="">Render WAV<\/button>/);
  });

  it('shows the mix: per track a labelled GM instrument, volume, pan and reverb (the drums take only the kit)', () => {
    const h = html({});
    for (const track of ['Melody', 'Chords', 'Bass', 'Drums']) {
      for (const control of ['GM instrument', 'volume', 'pan', 'reverb'])
        expect(h).toContain(`aria-label="${track} ${control}"`);
      expect(h).toContain(`aria-label="${track} mix"`);
    }
    expect(h).toContain('Electric piano');
    const drums = h.slice(h.indexOf('Drums GM instrument'));
    expect(drums.slice(0, drums.indexOf('</select>')).match(/<option /g)?.length).toBe(1);
    expect(h).toContain('aria-valuetext="centre"');
  });

  it('reports a SoundFont render by its loudness and true peak', () => {
    const render = {
      wavUrl: 'blob:x',
      peaks: [[-0.5, 0.5]] as Array<[number, number]>,
      seconds: 9.6,
      xRealtime: 12,
      engine: 'General MIDI SoundFont',
      bytes: 1_693_484,
      peak: 0.85,
      watermark: null,
      soundfont: { mix: DEFAULT_SF_MIX, pcmSha256: `0x${'ab'.repeat(32)}` as const, lufs: -14.004, truePeakDb: -1.21 },
    };
    expect(html({ render })).toContain(
      'General MIDI SoundFont: 9.6 s, 44.1 kHz 16-bit stereo, 1.62 MB, 12.0× real time, -14.0 LUFS integrated, true peak -1.2 dBTP.',
    );
  });
});
