import { describe, expect, it } from 'vitest';
import { INITIAL_STATUS, studioStatus, type StatusEvent, type StudioStatus } from './status';

const run = (events: StatusEvent[], from: StudioStatus = INITIAL_STATUS): StudioStatus =>
  events.reduce(studioStatus, from);

describe('studio status', () => {
  it('walks a load and a composition to idle with full progress bars', () => {
    const s = run([
      { type: 'load-start' },
      { type: 'progress', phase: 'load', fraction: 0.5 },
      { type: 'loaded', bytes: 2048, backend: 'cpu', cached: false },
      { type: 'compose-start' },
      { type: 'progress', phase: 'generate', fraction: 0.3 },
      { type: 'composed', bars: 8, ms: 120.4, seed: 7, backend: 'cpu-js' },
    ]);
    expect(s).toEqual({
      busy: null,
      error: null,
      progress: { load: 1, generate: 1, render: null },
      status: 'Composed 8 bars in 120 ms (seed 7, backend cpu-js).',
    });
  });

  it('a failed model load is never left busy or "Generating…", and shows the error; a retry clears it', () => {
    const failed = run([
      { type: 'load-start' },
      { type: 'progress', phase: 'load', fraction: 0.1 },
      { type: 'load-failed', message: 'Could not load the model from https://x: Failed to fetch' },
    ]);
    expect(failed.busy).toBeNull();
    expect(failed.error).toMatch(/^Could not load the model/);
    expect(failed.status).not.toMatch(/Generating/);
    expect(failed.progress.load).toBeNull();
    const retried = run([{ type: 'load-start' }], failed);
    expect(retried.error).toBeNull();
    expect(retried.busy).toBe('load');
  });

  it('every way a job ends clears busy', () => {
    const starts: StatusEvent[] = [
      { type: 'load-start' },
      { type: 'compose-start' },
      { type: 'regenerate-start' },
      { type: 'render-start', detail: 'Rendering…' },
    ];
    const ends: StatusEvent[] = [
      { type: 'failed', message: 'worker crashed' },
      { type: 'cancelled' },
      { type: 'load-failed', message: 'x' },
    ];
    for (const start of starts) {
      for (const end of ends) {
        const s = run([start, end]);
        expect(s.busy, `${start.type} then ${end.type}`).toBeNull();
        expect(s.status).not.toMatch(/…$/);
      }
    }
  });

  it('a failure names its phase and resets only that progress bar', () => {
    const s = run([
      { type: 'loaded', bytes: 0, backend: 'cpu', cached: false },
      { type: 'render-start', detail: 'Rendering…' },
      { type: 'failed', message: 'Rendering failed: boom', phase: 'render' },
    ]);
    expect(s.progress).toEqual({ load: 1, generate: null, render: null });
    expect(s.error).toBe('Rendering failed: boom');
  });

  it('a cached load keeps the status line; a field error leaves the job state alone', () => {
    const composing = run([{ type: 'compose-start' }]);
    expect(run([{ type: 'error', message: 'bad field' }], composing)).toEqual({ ...composing, error: 'bad field' });
    const idle = run([{ type: 'composed', bars: 4, ms: 1, seed: 1, backend: 'cpu-js' }]);
    expect(run([{ type: 'loaded', bytes: 0, backend: 'cpu', cached: true }], idle).status).toBe(idle.status);
    expect(run([{ type: 'clear-error' }], idle)).toBe(idle);
    expect(run([{ type: 'restored', bars: 16, edits: 1 }]).status).toBe('Restored your last session: 16 bars, 1 edit.');
  });
});
