'use client';
/**
 * The render pipeline: the JS renderer in the worker or Tone.Offline on the page, peak normalisation, the AI
 * watermark (lib/provenance/watermark), a 16-bit WAV as an object URL. The render goes stale with every edit.
 */
import { useCallback, useEffect, useRef, useState, type Dispatch } from 'react';
import { durationSeconds, type Arrangement } from '../../../lib/generation/arrangement/types';
import { WAV_SAMPLE_RATE } from '../../../lib/generation/export/wav';
import type { WatermarkRecord } from '../../../lib/provenance/watermark';
import type { StatusEvent } from '../../../lib/studio/status';
import type { ComposeWorker } from './use-compose-worker';

export type RenderEngine = 'js' | 'tone' | 'tone-synths';
export type RenderOut = {
  wavUrl: string;
  peaks: Array<[number, number]>;
  seconds: number;
  xRealtime: number;
  engine: string;
  bytes: number;
  peak: number;
  watermark: WatermarkRecord | null;
};

export const ENGINE_LABEL: Record<RenderEngine, string> = {
  js: 'JS oscillators',
  tone: 'Tone.Offline (Web Audio voices)',
  'tone-synths': 'Tone.Offline (Tone.js instruments)',
};

const SAMPLE_RATE = WAV_SAMPLE_RATE;

async function channelsOf(
  engine: RenderEngine,
  arrangement: Arrangement,
  worker: ComposeWorker,
  onProgress: (f: number) => void,
): Promise<{ channels: Float32Array[]; sampleRate: number }> {
  if (engine === 'js') {
    const r = await worker.call({ type: 'render', arrangement, sampleRate: SAMPLE_RATE }, (m) =>
      onProgress(m.fraction * 0.9),
    );
    if (r.type !== 'rendered') throw new Error(r.type === 'error' ? r.message : 'render failed');
    return { channels: [r.left, r.right], sampleRate: r.sampleRate };
  }
  const { renderWithToneOffline } = await import('../../../lib/generation/render/tone-render');
  const r = await renderWithToneOffline(arrangement, {
    sampleRate: SAMPLE_RATE,
    voices: engine === 'tone' ? 'native' : 'tone',
  });
  return { channels: r.channels, sampleRate: SAMPLE_RATE };
}

export function useRender(arrangement: Arrangement | null, worker: ComposeWorker, dispatch: Dispatch<StatusEvent>) {
  const [render, setRender] = useState<RenderOut | null>(null);
  const urlRef = useRef<string | null>(null);

  // every edit makes the render stale; its object URL is freed
  useEffect(() => {
    setRender(null);
  }, [arrangement]);
  useEffect(() => {
    if (urlRef.current && urlRef.current !== render?.wavUrl) URL.revokeObjectURL(urlRef.current);
    urlRef.current = render?.wavUrl ?? null;
  }, [render]);

  const run = useCallback(
    async (engine: RenderEngine) => {
      if (!arrangement) return;
      dispatch({
        type: 'render-start',
        detail: engine === 'js' ? 'Rendering (fast JS renderer, in the worker)…' : 'Rendering with Tone.Offline…',
      });
      if (engine !== 'js') await new Promise((r) => setTimeout(r, 20)); // let the status and progress paint first
      try {
        const t0 = performance.now();
        const { channels, sampleRate } = await channelsOf(engine, arrangement, worker, (fraction) =>
          dispatch({ type: 'progress', phase: 'render', fraction }),
        );
        const wav = await import('../../../lib/generation/export/wav');
        wav.normalisePeak(channels);
        // the AI watermark goes in before encoding
        const { markStudioRender } = await import('../../../lib/provenance/watermark/studio-render');
        const watermark = await markStudioRender({ sampleRate, channels }, arrangement);
        const bytes = wav.encodeWav16({ sampleRate, channels });
        const ms = performance.now() - t0;
        const seconds = (channels[0]?.length ?? 0) / sampleRate;
        const xRealtime = durationSeconds(arrangement) / (ms / 1000);
        setRender({
          wavUrl: URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'audio/wav' })),
          peaks: wav.waveformPeaks(channels, 600),
          seconds,
          xRealtime,
          engine: ENGINE_LABEL[engine],
          bytes: bytes.length,
          peak: wav.peakOf(channels),
          watermark,
        });
        dispatch({ type: 'rendered', seconds, ms, xRealtime });
      } catch (err) {
        dispatch({
          type: 'failed',
          phase: 'render',
          message: `Rendering failed: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    },
    [arrangement, worker, dispatch],
  );

  return { render, run };
}
