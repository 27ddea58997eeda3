'use client';
/**
 * The Render and export panel: the General MIDI mix, renderer choice, WAV render with its waveform, MIDI and edit-log
 * exports, Publish.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import type { Arrangement } from '../../../lib/generation/arrangement/types';
import type { SfMix } from '../../../lib/generation/render/sf/gm';
import { editLog, type EditHistory } from '../../../lib/generation/edit-log/history';
import { serializeEditLog } from '../../../lib/generation/edit-log/schema';
import type { ComposedResult } from '../../../lib/studio/session';
import type { Busy } from '../../../lib/studio/status';
import type { RenderEngine, RenderOut } from '../hooks/use-render';
import { Waveform } from '../waveform';
import { MixPanel } from './mix-panel';

// the mint hand-off (app/mint, IndexedDB drafts) loads only once there is something to publish
const PublishButton = lazy(() => import('../../mint/publish-button').then((m) => ({ default: m.PublishButton })));

export type RenderPanelProps = {
  arrangement: Arrangement;
  history: EditHistory;
  result: ComposedResult;
  busy: Busy;
  render: RenderOut | null;
  onRender(engine: RenderEngine): void;
  mix: SfMix;
  onMixChange(mix: SfMix): void;
};

const ENGINES: ReadonlyArray<{ id: RenderEngine; label: string }> = [
  { id: 'sf', label: 'General MIDI instruments (SoundFont, in the worker)' },
  { id: 'js', label: 'Fast (JS oscillators, in the worker)' },
  { id: 'tone', label: 'Tone.Offline, Web Audio voices' },
  { id: 'tone-synths', label: 'Tone.Offline, Tone.js instruments (as played)' },
];

const objectUrl = (bytes: Uint8Array, type: string): string =>
  URL.createObjectURL(new Blob([bytes as BlobPart], { type }));

export function RenderPanel({
  arrangement,
  history,
  result,
  busy,
  render,
  onRender,
  mix,
  onMixChange,
}: RenderPanelProps) {
  const [engine, setEngine] = useState<RenderEngine>('sf');
  const [midiUrl, setMidiUrl] = useState<string | null>(null);
  const [logUrl, setLogUrl] = useState<string | null>(null);
  const name = `motif-${result.digest.slice(7, 15)}`;

  // exports go stale with every edit
  useEffect(() => {
    setMidiUrl(null);
    setLogUrl(null);
  }, [arrangement]);

  const onMidi = async () => {
    const { arrangementToMidi } = await import('../../../lib/generation/export/midi');
    setMidiUrl(objectUrl(arrangementToMidi(arrangement), 'audio/midi'));
  };
  const onLog = () =>
    setLogUrl(objectUrl(new TextEncoder().encode(serializeEditLog(editLog(history).ops)), 'application/json'));

  return (
    <section className="panel" aria-labelledby="render-h">
      <h2 id="render-h">Render and export</h2>
      {engine === 'sf' && <MixPanel mix={mix} onChange={onMixChange} disabled={busy !== null} />}
      <div className="row">
        <label>
          Renderer
          <select
            aria-label="Renderer"
            value={engine}
            onChange={(e) => setEngine(ENGINES.find((x) => x.id === e.target.value)?.id ?? engine)}
          >
            {ENGINES.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => onRender(engine)} disabled={busy !== null}>
          Render WAV
        </button>
        <button type="button" className="secondary" onClick={() => void onMidi()}>
          Export MIDI
        </button>
        <button type="button" className="secondary" onClick={onLog}>
          Export edit log
        </button>
      </div>
      {render && (
        <div className="render">
          <Waveform peaks={render.peaks} seconds={render.seconds} />
          <p data-testid="render-info">
            {render.engine}: {render.seconds.toFixed(1)} s, 44.1 kHz 16-bit stereo,{' '}
            {(render.bytes / 1048576).toFixed(2)} MB, {render.xRealtime.toFixed(1)}× real time,{' '}
            {render.soundfont
              ? `${render.soundfont.lufs.toFixed(1)} LUFS integrated, true peak ${render.soundfont.truePeakDb.toFixed(1)} dBTP.`
              : `peak ${(20 * Math.log10(render.peak)).toFixed(1)} dBFS.`}
          </p>
          <a className="button" href={render.wavUrl} download={`${name}.wav`}>
            Download WAV
          </a>
        </div>
      )}
      <div className="row">
        <Suspense fallback={null}>
          <PublishButton
            result={{
              request: result.request,
              digest: result.digest,
              progression: result.progression,
              backend: result.backend,
            }}
            composed={history.base}
            ops={editLog(history).ops}
            render={
              render
                ? {
                    wavUrl: render.wavUrl,
                    engine: render.engine,
                    seconds: render.seconds,
                    watermark: render.watermark,
                    soundfont: render.soundfont,
                  }
                : null
            }
          />
        </Suspense>
        {midiUrl && (
          <a className="button" href={midiUrl} download={`${name}.mid`}>
            Download MIDI
          </a>
        )}
        {logUrl && (
          <a className="button" href={logUrl} download={`${name}.edits.json`}>
            Download edit log
          </a>
        )}
      </div>
    </section>
  );
}
