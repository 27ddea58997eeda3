/// <reference lib="webworker" />
/**
 * Worker entry for the SoundFont browser test and bench (test/support/sf-browser.ts): runs the renderer's request
 * function (lib/generation/render/sf/fetch-soundfont.ts), the one the studio's compose worker runs, and answers the
 * digest and timings. Bundled by esbuild.
 */
import { renderSfRequest, type SfRenderRequest } from '../../lib/generation/render/sf/fetch-soundfont';

globalThis.addEventListener('message', (ev: MessageEvent<{ id: number; req: SfRenderRequest }>) => {
  const { id, req } = ev.data;
  renderSfRequest(req).then(
    (r) =>
      postMessage({
        id,
        ok: true,
        pcmSha256: r.pcmSha256,
        seconds: r.seconds,
        loadMs: r.loadMs,
        renderMs: r.renderMs,
        meanSquare: r.master.meanSquare,
      }),
    (e: unknown) => postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
});
