/**
 * The studio's activity state (pure reducer): what is running, the three progress bars, the status line and the
 * error. Every way a job ends (done, failed, cancelled, worker crash) clears `busy`, so the studio never stays stuck
 * on "Generating…" and its buttons come back.
 */
export type Busy = null | 'load' | 'compose' | 'regenerate' | 'render';
export type Phase = 'load' | 'generate' | 'render';
export type Progress = Readonly<Record<Phase, number | null>>;

export type StudioStatus = {
  readonly busy: Busy;
  readonly progress: Progress;
  readonly status: string;
  readonly error: string | null;
};

export type StatusEvent =
  | { type: 'load-start' }
  | { type: 'loaded'; bytes: number; backend: string; cached: boolean }
  | { type: 'load-failed'; message: string }
  | { type: 'progress'; phase: Phase; fraction: number }
  | { type: 'compose-start' }
  | { type: 'composed'; bars: number; ms: number; seed: number; backend: string }
  | { type: 'regenerate-start' }
  | { type: 'regenerated'; bar: number; seed: number }
  | { type: 'render-start'; detail: string }
  | { type: 'rendered'; seconds: number; ms: number; xRealtime: number }
  | { type: 'cancelled' }
  /** A job (of any kind) ended in error: the message is shown, the job's progress bar resets. */
  | { type: 'failed'; message: string; phase?: Phase }
  /** An error that is not a job's (a bad form field, an edit that does not apply, audio blocked). */
  | { type: 'error'; message: string }
  | { type: 'clear-error' }
  | { type: 'restored'; bars: number; edits: number };

export const INITIAL_STATUS: StudioStatus = {
  busy: null,
  progress: { load: null, generate: null, render: null },
  status: 'Choose a model and press Compose.',
  error: null,
};

const withProgress = (s: StudioStatus, phase: Phase, v: number | null): Progress => ({ ...s.progress, [phase]: v });

export function studioStatus(s: StudioStatus, e: StatusEvent): StudioStatus {
  switch (e.type) {
    case 'load-start':
      return { busy: 'load', error: null, status: 'Loading the model…', progress: withProgress(s, 'load', 0) };
    case 'loaded':
      return {
        ...s,
        busy: null,
        progress: withProgress(s, 'load', 1),
        status: e.cached ? s.status : `Model loaded (${(e.bytes / 1024).toFixed(0)} KiB, tfjs ${e.backend} backend).`,
      };
    case 'load-failed':
      return {
        busy: null,
        error: e.message,
        status: 'The model did not load. Choose another model (the shipped ones work offline) or retry.',
        progress: withProgress(s, 'load', null),
      };
    case 'progress':
      return { ...s, progress: withProgress(s, e.phase, e.fraction) };
    case 'compose-start':
      return { ...s, busy: 'compose', error: null, status: 'Generating…', progress: withProgress(s, 'generate', 0) };
    case 'composed':
      return {
        ...s,
        busy: null,
        progress: withProgress(s, 'generate', 1),
        status: `Composed ${e.bars} bars in ${e.ms.toFixed(0)} ms (seed ${e.seed}, backend ${e.backend}).`,
      };
    case 'regenerate-start':
      return { ...s, busy: 'regenerate', error: null, status: 'Regenerating the bar…' };
    case 'regenerated':
      return { ...s, busy: null, status: `Bar ${e.bar} regenerated (seed ${e.seed}).` };
    case 'render-start':
      return { ...s, busy: 'render', error: null, status: e.detail, progress: withProgress(s, 'render', 0) };
    case 'rendered':
      return {
        ...s,
        busy: null,
        progress: withProgress(s, 'render', 1),
        status: `Rendered ${e.seconds.toFixed(1)} s in ${e.ms.toFixed(0)} ms (${e.xRealtime.toFixed(1)}× real time).`,
      };
    case 'cancelled':
      return { ...s, busy: null, status: 'Generation cancelled.', progress: withProgress(s, 'generate', null) };
    case 'failed':
      return {
        busy: null,
        error: e.message,
        status: 'Stopped: see the error below.',
        progress: e.phase ? withProgress(s, e.phase, null) : s.progress,
      };
    case 'error':
      return { ...s, error: e.message };
    case 'clear-error':
      return s.error === null ? s : { ...s, error: null };
    case 'restored':
      return {
        ...s,
        status: `Restored your last session: ${e.bars} bars, ${e.edits} edit${e.edits === 1 ? '' : 's'}.`,
      };
  }
}
