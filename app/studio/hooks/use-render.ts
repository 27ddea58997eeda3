'use client';
/**
 * The render pipeline: the SoundFont renderer in the worker (General MIDI instruments, mastered to -14 LUFS under
 * -1 dBTP; the default), or the JS oscillators in the worker / Tone.Offline on the page with peak normalisation; then
 * the AI watermark (lib/provenance/watermark) and a 16-bit WAV as an object URL. The render goes stale with every
 * edit and every mix change.
 */
import type { Hex } from 'viem';
import { useCallback, useEffect, useRef, useState, type Dispatch } from 'react';
import { durationSeconds, type Arrangement } from '../../../lib/generation/arrangement/types';
import { WAV_SAMPLE_RATE } from '../../../lib/generation/export/wav';
import type { SfMix } from '../../../lib/generation/render/sf/gm';
import { SOUNDFONT } from '../../../lib/generation/render/sf/soundfont';
import type { WatermarkRecord } from '../../../lib/provenance/watermark';
import type { StatusEvent } from '../../../lib/studio/status';
import type { ComposeWorker } from './use-compose-worker';

export type RenderEngine = 'sf' | 'js' | 'tone' | 'tone-synths';
export type RenderOut = {
  wavUrl: string;
  peaks: Array<[number, number]>;
  seconds: number;
  xRealtime: number;
  engine: string;
  bytes: number;
  peak: number;
  watermark: WatermarkRecord | null;
  /** SoundFont renders: the mix, the PCM sha256 before the watermark, and the integrated loudness reached. */
  soundfont: { mix: SfMix; pcmSha256: Hex; lufs: number; truePeakDb: number } | null;
};

export const ENGINE_LABEL: Record<RenderEngine, string> = {
  sf: 'General MIDI SoundFont',
  js: 'JS oscillators',
  tone: 'Tone.Offline (Web Audio voices)',
  'tone-synths': 'Tone.Offline (Tone.js instruments)',
};

const SAMPLE_RATE = WAV_SAMPLE_RATE;

type Channels = {
  channels: Float32Array[];
  sampleRate: number;
  soundfont?: { pcmSha256: Hex; meanSquare: number; truePeak: number };
};

async function channelsOf(
  engine: RenderEngine,
  arrangement: Arrangement,
  mix: SfMix,
  worker: ComposeWorker,
  onProgress: (f: number) => void,
): Promise<Channels> {
  if (engine === 'sf') {
    const soundfontUrl = new URL(SOUNDFONT.urlPath, window.location.href).href;
    const r = await worker.call({ type: 'renderSf', arrangement, mix, sampleRate: SAMPLE_RATE, soundfontUrl }, (m) =>
      onProgress(m.fraction * 0.9),
    );
    if (r.type !== 'rendered' || !r.soundfont) throw new Error(r.type === 'error' ? r.message : 'render failed');
    const { pcmSha256, master } = r.soundfont;
    return {
      channels: [r.left, r.right],
      sampleRate: r.sampleRate,
      soundfont: { pcmSha256, meanSquare: master.meanSquare, truePeak: master.truePeak },
    };
  }
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

export function useRender(
  arrangement: Arrangement | null,
  mix: SfMix,
  worker: ComposeWorker,
  dispatch: Dispatch<StatusEvent>,
) {
  const [render, setRender] = useState<RenderOut | null>(null);
  const urlRef = useRef<string | null>(null);

  // every edit makes the render stale; its object URL is freed
  useEffect(() => {
    setRender(null);
  }, [arrangement, mix]);
  useEffect(() => {
    if (urlRef.current && urlRef.current !== render?.wavUrl) URL.revokeObjectURL(urlRef.current);
    urlRef.current = render?.wavUrl ?? null;
  }, [render]);

  const run = useCallback(
    async (engine: RenderEngine) => {
      if (!arrangement) return;
      dispatch({
        type: 'render-start',
        detail:
          engine === 'sf'
            ? 'Rendering with the General MIDI SoundFont (in the worker)…'
            : engine === 'js'
              ? 'Rendering (fast JS renderer, in the worker)…'
              : 'Rendering with Tone.Offline…',
      });
      if (engine !== 'js' && engine !== 'sf') await new Promise((r) => setTimeout(r, 20)); // let the status and progress paint first
      try {
        const t0 = performance.now();
        const { channels, sampleRate, soundfont } = await channelsOf(engine, arrangement, mix, worker, (fraction) =>
          dispatch({ type: 'progress', phase: 'render', fraction }),
        );
        const wav = await import('../../../lib/generation/export/wav');
        // the SoundFont render is mastered already (loudness and true peak); the others are peak-normalised
        if (!soundfont) wav.normalisePeak(channels);
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
          soundfont: soundfont
            ? {
                mix,
                pcmSha256: soundfont.pcmSha256,
                lufs: -0.691 + 10 * Math.log10(soundfont.meanSquare),
                truePeakDb: 20 * Math.log10(soundfont.truePeak),
              }
            : null,
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
    [arrangement, mix, worker, dispatch],
  );

  return { render, run };
}
