/// <reference lib="webworker" />
/**
 * The studio's compose worker: loads a checkpoint through its family's adapter (lib/generation/models, the family
 * named by the checkpoint's config.json) and runs the generation API off the main thread, with progress and cancel.
 *
 * Magenta reads `window.fetch` when its module loads and tests `global` for Node: both are defined here before the
 * dynamic import. `fetch` is wrapped first so model-loading progress counts the bytes as they arrive.
 */
import { toWorkerSchema, type FromWorker } from '../../lib/generation/compose/protocol';
import { familyOfConfig, type GenerativeModel, type ModelFamily } from '../../lib/generation/models/adapter';
import { BROWSER_ADAPTERS } from '../../lib/generation/models/browser-adapters';

const scope = globalThis as unknown as { window?: unknown; global?: unknown; fetch: typeof fetch };
scope.window ??= globalThis;
scope.global ??= globalThis;

const post = (m: FromWorker, transfer: Transferable[] = []): void =>
  (globalThis as unknown as DedicatedWorkerGlobalScope).postMessage(m, transfer);

/** Counts response bytes of model files for the loading progress bar. */
let onBytes: ((n: number) => void) | null = null;
const realFetch = scope.fetch.bind(globalThis);
scope.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const res = await realFetch(input, init);
  if (!onBytes || !res.body) return res;
  const report = onBytes;
  const counted = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        report(chunk.byteLength);
        ctl.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, { status: res.status, statusText: res.statusText, headers: res.headers });
};

let loaded: { modelId: string; url: string; model: GenerativeModel } | null = null;
const running = new Map<number, AbortController>();

async function expectedBytes(url: string): Promise<number> {
  const res = await realFetch(`${url}/weights_manifest.json`);
  if (!res.ok) throw new Error(`weights_manifest.json: HTTP ${res.status}`);
  const manifest = (await res.json()) as Array<{ weights: Array<{ shape: number[] }> }>;
  return manifest.reduce((s, g) => s + g.weights.reduce((t, w) => t + 4 * w.shape.reduce((a, b) => a * b, 1), 0), 0);
}

async function checkpointFamily(url: string): Promise<ModelFamily> {
  const res = await realFetch(`${url}/config.json`);
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  return familyOfConfig(await res.json());
}

async function load(id: number, modelId: string, url: string): Promise<void> {
  if (loaded?.url === url) {
    post({ type: 'loaded', id, modelId, backend: 'cpu', ms: 0, bytes: 0 });
    return;
  }
  const t0 = performance.now();
  post({ type: 'progress', id, phase: 'load', fraction: 0, detail: 'reading the checkpoint' });
  try {
    const family = await checkpointFamily(url);
    post({ type: 'progress', id, phase: 'load', fraction: 0.05, detail: `loading the ${family} runtime` });
    const total = await expectedBytes(url);
    let got = 0;
    onBytes = (n) => {
      got += n;
      post({
        type: 'progress',
        id,
        phase: 'load',
        fraction: Math.min(0.99, 0.1 + (0.9 * got) / Math.max(1, total)),
        detail: `${Math.round(got / 1024)} / ${Math.round(total / 1024)} KiB`,
      });
    };
    const { model, backend } = await BROWSER_ADAPTERS[family].load(url);
    onBytes = null;
    // the previous model goes only once the new one works: a failed load leaves it usable
    loaded?.model.dispose();
    loaded = { modelId, url, model };
    post({ type: 'progress', id, phase: 'load', fraction: 1 });
    post({ type: 'loaded', id, modelId, backend, ms: performance.now() - t0, bytes: got });
  } catch (e) {
    onBytes = null;
    post({
      type: 'error',
      id,
      kind: 'model-load',
      message: `Could not load the model from ${url}: ${(e as Error).message}`,
    });
  }
}

async function handle(raw: unknown): Promise<void> {
  const parsed = toWorkerSchema.safeParse(raw);
  if (!parsed.success) {
    post({ type: 'error', id: -1, kind: 'bad-request', message: parsed.error.message });
    return;
  }
  const msg = parsed.data;
  if (msg.type === 'cancel') {
    running.get(msg.id)?.abort();
    return;
  }
  if (msg.type === 'load') return load(msg.id, msg.modelId, msg.url);
  if (msg.type === 'render') {
    try {
      const { renderArrangement } = await import('../../lib/generation/render/js-renderer');
      const t0 = performance.now();
      const r = renderArrangement(msg.arrangement, {
        sampleRate: msg.sampleRate,
        onProgress: (f) => post({ type: 'progress', id: msg.id, phase: 'render', fraction: f }),
      });
      const [left, right] = r.channels;
      post(
        {
          type: 'rendered',
          id: msg.id,
          sampleRate: r.sampleRate,
          seconds: r.seconds,
          left,
          right,
          ms: performance.now() - t0,
        },
        [left.buffer, right.buffer],
      );
    } catch (e) {
      post({ type: 'error', id: msg.id, kind: 'render', message: (e as Error).message });
    }
    return;
  }
  if (msg.type === 'renderSf') {
    try {
      const { renderSfRequest } = await import('../../lib/generation/render/sf/fetch-soundfont');
      const t0 = performance.now();
      const r = await renderSfRequest(msg, (phase, fraction) =>
        post({
          type: 'progress',
          id: msg.id,
          phase: 'render',
          fraction: phase === 'load' ? 0.3 * fraction : 0.3 + 0.7 * fraction,
          detail: phase === 'load' ? 'loading the SoundFont' : 'rendering with the SoundFont',
        }),
      );
      const [left, right] = r.channels;
      post(
        {
          type: 'rendered',
          id: msg.id,
          sampleRate: r.sampleRate,
          seconds: r.seconds,
          left,
          right,
          ms: performance.now() - t0,
          soundfont: { pcmSha256: r.pcmSha256, master: r.master, loadMs: r.loadMs },
        },
        [left.buffer, right.buffer],
      );
    } catch (e) {
      post({ type: 'error', id: msg.id, kind: 'render', message: (e as Error).message });
    }
    return;
  }
  if (!loaded) {
    post({ type: 'error', id: msg.id, kind: 'model-load', message: 'No model is loaded.' });
    return;
  }
  const ctl = new AbortController();
  running.set(msg.id, ctl);
  try {
    if (msg.type === 'compose') {
      const result = await loaded.model.compose(msg.request, {
        signal: ctl.signal,
        onProgress: (p) => post({ type: 'progress', id: msg.id, phase: p.phase, fraction: p.fraction }),
      });
      post({ type: 'composed', id: msg.id, result });
    } else {
      const op = await loaded.model.regenerateBar({
        modelId: loaded.modelId,
        arrangement: msg.arrangement,
        bar: msg.bar,
        seed: msg.seed,
        temperature: msg.temperature,
        snapToScale: msg.snapToScale,
        signal: ctl.signal,
      });
      post({ type: 'regenerated', id: msg.id, op });
    }
  } catch (e) {
    const err = e as Error;
    const kind =
      err.name === 'ComposeCancelledError'
        ? 'cancelled'
        : err.name === 'ComposeRequestError'
          ? 'bad-request'
          : 'generation';
    post({ type: 'error', id: msg.id, kind, message: err.message });
  } finally {
    running.delete(msg.id);
  }
}

globalThis.addEventListener('message', (ev: MessageEvent) => {
  void handle(ev.data);
});
