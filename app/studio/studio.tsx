'use client';
/**
 * The studio (client). Heavy pieces load lazily: the compose worker (Magenta + tfjs) on the first "Load model" or
 * "Compose", Tone.js on the first Play or Tone render, the WAV/MIDI writers on the first export. The first load is
 * this component, React and zod.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { DRUM_STYLES } from '../../lib/generation/arrangement/drums';
import { INSTRUMENTS, MELODIC_INSTRUMENT_IDS, type InstrumentId } from '../../lib/generation/arrangement/instruments';
import { KEYS, SCALE_NAMES, type KeyName, type ScaleName } from '../../lib/generation/arrangement/theory';
import { durationSeconds, STEPS_PER_BAR, TRACK_IDS, type Arrangement, type ArrangementNote, type TrackId } from '../../lib/generation/arrangement/types';
import { canRedo, canUndo, createHistory, current, editLog, pushEdit, redo, undo, type EditHistory } from '../../lib/generation/edit-log/history';
import { serializeEditLog, type EditOp } from '../../lib/generation/edit-log/schema';
import type { ComposeResult } from '../../lib/generation/compose/compose';
import type { FromWorker, ToWorker } from '../../lib/generation/compose/protocol';
import { parseComposeRequest, type ComposeRequest } from '../../lib/generation/compose/request';
import { checkpointUrl, MODEL_REGISTRY } from '../../lib/generation/models/registry';
import type { TonePlayer } from '../../lib/generation/render/tone-player';
import type { WatermarkRecord } from '../../lib/provenance/watermark';
import { noteKey, PianoRoll, PIANO_ROLL_STEP_W } from './piano-roll';
import { Waveform } from './waveform';

// the mint hand-off (app/mint, IndexedDB drafts) loads only once there is something to publish
const PublishButton = lazy(() => import('../mint/publish-button').then((m) => ({ default: m.PublishButton })));

type Progress = { load: number | null; generate: number | null; render: number | null };
type RenderOut = { wavUrl: string; peaks: Array<[number, number]>; seconds: number; xRealtime: number; engine: string; bytes: number; peak: number; watermark: WatermarkRecord | null };
type Pending = { resolve(m: FromWorker): void; onProgress?(m: Extract<FromWorker, { type: 'progress' }>): void };
type Busy = null | 'load' | 'compose' | 'regenerate' | 'render';
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

const CUSTOM = 'custom';
const TRACK_LABEL: Record<TrackId, string> = { melody: 'Melody', chords: 'Chords', bass: 'Bass', drums: 'Drums' };
const SCALE_LABEL: Record<ScaleName, string> = {
  major: 'Major', minor: 'Natural minor', dorian: 'Dorian', mixolydian: 'Mixolydian', harmonicMinor: 'Harmonic minor',
  majorPentatonic: 'Major pentatonic', minorPentatonic: 'Minor pentatonic',
};

function randomSeed(): number {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0] ?? 1;
}

function download(bytes: Uint8Array, type: string): string {
  return URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
}

export function Studio() {
  const firstShipped = MODEL_REGISTRY.find((m) => m.source === 'shipped');
  const [modelChoice, setModelChoice] = useState<string>(firstShipped?.id ?? CUSTOM);
  const [customUrl, setCustomUrl] = useState('');
  const [seed, setSeed] = useState(42);
  const [temperature, setTemperature] = useState(1);
  const [bars, setBars] = useState(8);
  const [key, setKey] = useState<KeyName>('C');
  const [scale, setScale] = useState<ScaleName>('major');
  const [tempo, setTempo] = useState(112);
  const [primerType, setPrimerType] = useState<'chords' | 'melody'>('chords');
  const [chordsText, setChordsText] = useState('C G Am F');
  const [melodyText, setMelodyText] = useState('60 64 67 72');
  const [style, setStyle] = useState('pop');
  const [snap, setSnap] = useState(true);

  const [progress, setProgress] = useState<Progress>({ load: null, generate: null, render: null });
  const [busy, setBusy] = useState<Busy>(null);
  const [status, setStatus] = useState('Choose a model and press Compose.');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Omit<ComposeResult, 'arrangement'> | null>(null);
  const [history, setHistory] = useState<EditHistory | null>(null);
  const [rollTrack, setRollTrack] = useState<TrackId>('melody');
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [regenBar, setRegenBar] = useState(1);
  const [tempoEdit, setTempoEdit] = useState(112);
  const [playing, setPlaying] = useState(false);
  const [loop, setLoop] = useState(true);
  const [engine, setEngine] = useState<'js' | 'tone' | 'tone-synths'>('js');
  const [render, setRender] = useState<RenderOut | null>(null);
  const [midiUrl, setMidiUrl] = useState<string | null>(null);
  const [logUrl, setLogUrl] = useState<string | null>(null);
  const [newNote, setNewNote] = useState({ pitch: 72, start: 0, length: 4 });

  const workerRef = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, Pending>());
  const nextId = useRef(1);
  const activeId = useRef<number | null>(null);
  const loadedUrl = useRef<string | null>(null);
  const playerRef = useRef<TonePlayer | null>(null);
  const playheadRef = useRef<SVGLineElement | null>(null);

  const arrangement: Arrangement | null = history ? current(history) : null;

  const ensureWorker = useCallback((): Worker => {
    if (workerRef.current) return workerRef.current;
    const w = new Worker(new URL('./compose.worker.ts', import.meta.url), { type: 'module', name: 'motif-compose' });
    w.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      const p = pending.current.get(m.id);
      if (!p) return;
      if (m.type === 'progress') p.onProgress?.(m);
      else {
        pending.current.delete(m.id);
        p.resolve(m);
      }
    };
    w.onerror = (e) => {
      // the worker script failed to load or crashed: answer everything pending, start a fresh worker next time
      const message = `The compose worker failed: ${e.message || 'its script could not be loaded'}`;
      for (const [id, p] of pending.current) p.resolve({ type: 'error', id, kind: 'generation', message });
      pending.current.clear();
      w.terminate();
      workerRef.current = null;
      loadedUrl.current = null;
      setBusy(null);
      setError(message);
    };
    workerRef.current = w;
    return w;
  }, []);

  const call = useCallback(
    (msg: WithoutId<ToWorker>, onProgress?: Pending['onProgress']): Promise<FromWorker> => {
      const id = nextId.current++;
      const w = ensureWorker();
      return new Promise((resolve) => {
        pending.current.set(id, { resolve, onProgress });
        activeId.current = id;
        w.postMessage({ ...msg, id });
      });
    },
    [ensureWorker],
  );

  useEffect(() => () => {
    workerRef.current?.terminate();
    playerRef.current?.dispose();
  }, []);

  // keep the player in step with the arrangement
  useEffect(() => {
    if (arrangement && playerRef.current?.ready) playerRef.current.load(arrangement);
  }, [arrangement]);

  // exported files (and the render) go stale with every edit
  useEffect(() => {
    setMidiUrl(null);
    setLogUrl(null);
    setRender(null);
  }, [history]);

  // playhead
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    const tick = () => {
      const x = (playerRef.current?.positionSteps() ?? 0) * PIANO_ROLL_STEP_W;
      playheadRef.current?.setAttribute('x1', String(x));
      playheadRef.current?.setAttribute('x2', String(x));
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing]);

  // test/automation hook: the current state, read-only
  useEffect(() => {
    (window as unknown as { motifStudio?: unknown }).motifStudio = {
      arrangement: () => (history ? current(history) : null),
      editLog: () => (history ? editLog(history) : null),
      result: () => result,
    };
  }, [history, result]);

  const modelUrl = (): { modelId: string; url: string } | null => {
    if (modelChoice === CUSTOM) {
      if (!customUrl.trim()) return null;
      const url = new URL(customUrl.trim(), window.location.href).toString().replace(/\/$/, '');
      return { modelId: `url:${url}`, url };
    }
    const m = MODEL_REGISTRY.find((x) => x.id === modelChoice);
    return m ? { modelId: m.id, url: new URL(checkpointUrl(m, window.location.origin), window.location.href).toString() } : null;
  };

  const loadModel = async (): Promise<{ modelId: string } | null> => {
    const target = modelUrl();
    if (!target) {
      setError('Enter a checkpoint URL (a folder with config.json and weights_manifest.json).');
      return null;
    }
    if (loadedUrl.current === target.url) return target;
    setBusy('load');
    setError(null);
    setStatus('Loading the model…');
    setProgress((p) => ({ ...p, load: 0 }));
    const r = await call({ type: 'load', modelId: target.modelId, url: target.url }, (m) => setProgress((p) => ({ ...p, load: m.fraction })));
    setBusy(null);
    if (r.type !== 'loaded') {
      setProgress((p) => ({ ...p, load: null }));
      setError(r.type === 'error' ? r.message : 'Unexpected answer from the worker.');
      setStatus('The model did not load.');
      return null;
    }
    loadedUrl.current = target.url;
    setProgress((p) => ({ ...p, load: 1 }));
    setStatus(`Model loaded (${(r.bytes / 1024).toFixed(0)} KiB, tfjs ${r.backend} backend).`);
    return target;
  };

  const buildRequest = (modelId: string): ComposeRequest => {
    const chords = chordsText.split(/[\s,|]+/).filter(Boolean);
    const pitches = melodyText.split(/[\s,]+/).filter(Boolean).map(Number);
    if (primerType === 'melody' && (pitches.length === 0 || pitches.some((p) => !Number.isInteger(p)))) {
      throw new Error('The primer melody must be MIDI note numbers separated by spaces, e.g. "60 64 67".');
    }
    return parseComposeRequest({
      version: 1, modelId, seed, temperature, bars, key, scale, tempo, style, snapToScale: snap,
      primer: primerType === 'chords'
        ? { type: 'chords', progression: chords }
        : { type: 'melody', notes: pitches.map((p, i) => ({ pitch: p, quantizedStartStep: i * 4, quantizedEndStep: i * 4 + 4 })), totalSteps: pitches.length * 4 },
      ...(primerType === 'melody' && chords.length ? { progression: chords } : {}),
    });
  };

  const onCompose = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const target = await loadModel();
    if (!target) return;
    let request: ComposeRequest;
    try {
      request = buildRequest(target.modelId);
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    setBusy('compose');
    setStatus('Generating…');
    setProgress((p) => ({ ...p, generate: 0 }));
    const r = await call({ type: 'compose', request }, (m) => setProgress((p) => ({ ...p, generate: m.fraction })));
    setBusy(null);
    if (r.type === 'composed') {
      const { arrangement: a, ...rest } = r.result;
      setResult(rest);
      setHistory(createHistory(a));
      setTempoEdit(a.tempo);
      setRender(null);
      setProgress((p) => ({ ...p, generate: 1 }));
      setStatus(`Composed ${a.bars} bars in ${r.result.ms.toFixed(0)} ms (seed ${request.seed}, backend ${r.result.backend}).`);
    } else if (r.type === 'error') {
      setProgress((p) => ({ ...p, generate: null }));
      if (r.kind === 'cancelled') setStatus('Generation cancelled.');
      else setError(r.message);
    }
  };

  const onCancel = () => {
    const id = activeId.current;
    if (id !== null && workerRef.current) workerRef.current.postMessage({ type: 'cancel', id } satisfies ToWorker);
  };

  const edit = (op: EditOp, focus?: ArrangementNote) => {
    if (!history) return;
    try {
      setHistory(pushEdit(history, op));
      if (focus) setFocusKey(noteKey(focus));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const onRegenerate = async () => {
    if (!arrangement) return;
    const target = await loadModel();
    if (!target) return;
    setBusy('regenerate');
    const barSeed = randomSeed();
    const r = await call({ type: 'regenerateBar', arrangement, bar: regenBar - 1, seed: barSeed, temperature, snapToScale: snap });
    setBusy(null);
    if (r.type === 'regenerated') {
      edit(r.op);
      setStatus(`Bar ${regenBar} regenerated (seed ${barSeed}).`);
    } else if (r.type === 'error') setError(r.message);
  };

  const onPlay = async () => {
    if (!arrangement) return;
    try {
      if (!playerRef.current) {
        const { TonePlayer } = await import('../../lib/generation/render/tone-player');
        playerRef.current = new TonePlayer();
      }
      const player = playerRef.current;
      await player.unlock();
      player.load(arrangement);
      player.setLoop(loop);
      if (player.playing) {
        player.stop();
        setPlaying(false);
      } else {
        player.play();
        setPlaying(true);
      }
      setError(null);
    } catch (err) {
      setError((err as Error).name === 'AudioBlockedError' ? (err as Error).message : `Audio could not start: ${(err as Error).message}`);
    }
  };

  const onStop = () => {
    playerRef.current?.stop();
    setPlaying(false);
    playheadRef.current?.setAttribute('x1', '0');
    playheadRef.current?.setAttribute('x2', '0');
  };

  const onRender = async () => {
    if (!arrangement) return;
    setBusy('render');
    setError(null);
    setProgress((p) => ({ ...p, render: 0 }));
    setStatus(engine === 'js' ? 'Rendering (fast JS renderer, in the worker)…' : 'Rendering with Tone.Offline…');
    if (engine !== 'js') await new Promise((r) => setTimeout(r, 20)); // let the status and progress paint first
    try {
      const t0 = performance.now();
      let channels: Float32Array[];
      let sampleRate = 44_100;
      if (engine === 'js') {
        const r = await call({ type: 'render', arrangement, sampleRate }, (m) => setProgress((p) => ({ ...p, render: m.fraction * 0.9 })));
        if (r.type !== 'rendered') throw new Error(r.type === 'error' ? r.message : 'render failed');
        channels = [r.left, r.right];
        sampleRate = r.sampleRate;
      } else {
        const { renderWithToneOffline } = await import('../../lib/generation/render/tone-render');
        const r = await renderWithToneOffline(arrangement, { sampleRate, voices: engine === 'tone' ? 'native' : 'tone' });
        channels = r.channels;
      }
      const wav = await import('../../lib/generation/export/wav');
      wav.normalisePeak(channels);
      // the AI watermark goes in before encoding (lib/provenance/watermark)
      const { markStudioRender } = await import('../../lib/provenance/watermark/studio-render');
      const watermark = await markStudioRender({ sampleRate, channels }, arrangement);
      const bytes = wav.encodeWav16({ sampleRate, channels });
      const ms = performance.now() - t0;
      const seconds = (channels[0]?.length ?? 0) / sampleRate;
      if (render) URL.revokeObjectURL(render.wavUrl);
      setRender({
        wavUrl: download(bytes, 'audio/wav'),
        peaks: wav.waveformPeaks(channels, 600),
        seconds,
        xRealtime: durationSeconds(arrangement) / (ms / 1000),
        engine: engine === 'js' ? 'JS oscillators' : engine === 'tone' ? 'Tone.Offline (Web Audio voices)' : 'Tone.Offline (Tone.js instruments)',
        bytes: bytes.length,
        peak: wav.peakOf(channels),
        watermark,
      });
      setProgress((p) => ({ ...p, render: 1 }));
      setStatus(`Rendered ${seconds.toFixed(1)} s in ${ms.toFixed(0)} ms (${(durationSeconds(arrangement) / (ms / 1000)).toFixed(1)}× real time).`);
    } catch (err) {
      setError(`Rendering failed: ${(err as Error).message}`);
      setProgress((p) => ({ ...p, render: null }));
    } finally {
      setBusy(null);
    }
  };

  const onMidi = async () => {
    if (!arrangement) return;
    const { arrangementToMidi } = await import('../../lib/generation/export/midi');
    setMidiUrl(download(arrangementToMidi(arrangement), 'audio/midi'));
  };

  const onLog = () => {
    if (!history) return;
    setLogUrl(download(new TextEncoder().encode(serializeEditLog(editLog(history).ops)), 'application/json'));
  };

  // Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) for undo/redo, outside text fields
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !history) return;
      const tag = (e.target as HTMLElement | null)?.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
      if (e.key.toLowerCase() === 'z' && !e.shiftKey) {
        e.preventDefault();
        setHistory(undo(history));
      } else if (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey)) {
        e.preventDefault();
        setHistory(redo(history));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [history]);

  const pct = (v: number | null) => (v === null ? 0 : Math.round(v * 100));
  const rollT = arrangement?.tracks.find((t) => t.id === rollTrack);
  const onFocusDone = useCallback(() => setFocusKey(null), []);

  return (
    <div className="studio">
      <form className="panel compose" onSubmit={onCompose} aria-labelledby="compose-h">
        <h2 id="compose-h">Compose</h2>
        <div className="grid">
          <label>
            Generation model
            <select aria-label="Generation model" value={modelChoice} onChange={(e) => setModelChoice(e.target.value)}>
              {MODEL_REGISTRY.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.id} ({m.task}{m.source === 'hosted' ? ', hosted by Magenta' : ''})
                </option>
              ))}
              <option value={CUSTOM}>Custom checkpoint by URL</option>
            </select>
          </label>
          {modelChoice === CUSTOM && (
            <label>
              Checkpoint URL
              <input type="text" value={customUrl} placeholder="/models/…" onChange={(e) => setCustomUrl(e.target.value)} />
            </label>
          )}
          <label>
            Seed
            <input type="number" min={0} max={4294967295} step={1} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
          </label>
          <button type="button" className="secondary" onClick={() => setSeed(randomSeed())}>New seed</button>
          <label>
            Temperature
            <input type="number" min={0} max={3} step={0.05} value={temperature} onChange={(e) => setTemperature(Number(e.target.value))} />
          </label>
          <label>
            Bars
            <input type="number" min={1} max={128} step={1} value={bars} onChange={(e) => setBars(Number(e.target.value))} />
          </label>
          <label>
            Key
            <select aria-label="Key" value={key} onChange={(e) => setKey(e.target.value as KeyName)}>
              {KEYS.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
          </label>
          <label>
            Scale
            <select aria-label="Scale" value={scale} onChange={(e) => setScale(e.target.value as ScaleName)}>
              {SCALE_NAMES.map((s) => <option key={s} value={s}>{SCALE_LABEL[s]}</option>)}
            </select>
          </label>
          <label>
            Tempo (BPM)
            <input type="number" min={20} max={300} step={1} value={tempo} onChange={(e) => setTempo(Number(e.target.value))} />
          </label>
          <label>
            Drum style
            <select aria-label="Drum style" value={style} onChange={(e) => setStyle(e.target.value)}>
              {DRUM_STYLES.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={snap} onChange={(e) => setSnap(e.target.checked)} />
            Keep the melody in the scale
          </label>
        </div>
        <fieldset>
          <legend>Primer</legend>
          <label className="check">
            <input type="radio" name="primer" value="chords" checked={primerType === 'chords'} onChange={() => setPrimerType('chords')} />
            Chord progression
          </label>
          <label className="check">
            <input type="radio" name="primer" value="melody" checked={primerType === 'melody'} onChange={() => setPrimerType('melody')} />
            Melody
          </label>
          <label>
            Chords, one per bar {primerType === 'melody' ? '(empty: suggested from the key)' : ''}
            <input type="text" value={chordsText} onChange={(e) => setChordsText(e.target.value)} />
          </label>
          {primerType === 'melody' && (
            <label>
              Primer melody (MIDI notes, one beat each)
              <input type="text" value={melodyText} onChange={(e) => setMelodyText(e.target.value)} />
            </label>
          )}
        </fieldset>
        <div className="row">
          <button type="submit" disabled={busy !== null}>Compose</button>
          <button type="button" className="secondary" onClick={onCancel} disabled={busy !== 'compose' && busy !== 'regenerate'}>Cancel</button>
        </div>
        <div className="progress-list">
          <label>
            Model loading progress <progress max={100} value={pct(progress.load)} aria-valuetext={`${pct(progress.load)}%`} />
          </label>
          <label>
            Generation progress <progress max={100} value={pct(progress.generate)} aria-valuetext={`${pct(progress.generate)}%`} />
          </label>
          <label>
            Rendering progress <progress max={100} value={pct(progress.render)} aria-valuetext={`${pct(progress.render)}%`} />
          </label>
        </div>
        <p role="status" aria-live="polite" className="status" data-testid="status">{status}</p>
        {error && <p role="alert" className="error" data-testid="error">{error}</p>}
      </form>

      {arrangement && history && result && (
        <>
          <section className="panel" aria-labelledby="arr-h">
            <h2 id="arr-h">Arrangement</h2>
            <dl className="facts">
              <dt>Notes digest</dt>
              <dd><code data-testid="digest">{result.digest}</code></dd>
              <dt>Backend</dt>
              <dd><span data-testid="backend">{result.backend}</span> <span className="muted">{result.backend === 'cpu-js' ? `(tfjs ${result.tfjsVersion} cpu kernels’ float32 arithmetic, in plain JS)` : `(tfjs ${result.tfjsVersion} backend)`}</span></dd>
              <dt>Progression</dt>
              <dd>{arrangement.progression.join(' · ')} <span className="muted">({result.progressionSource})</span></dd>
              <dt>Length</dt>
              <dd>{arrangement.bars} bars at {arrangement.tempo} BPM ({durationSeconds(arrangement).toFixed(1)} s)</dd>
            </dl>
            <div className="row" role="toolbar" aria-label="Transport">
              <button type="button" onClick={onPlay} aria-pressed={playing}>{playing ? 'Pause' : 'Play'}</button>
              <button type="button" className="secondary" onClick={onStop}>Stop</button>
              <label className="check">
                <input type="checkbox" checked={loop} onChange={(e) => { setLoop(e.target.checked); playerRef.current?.setLoop(e.target.checked); }} />
                Loop
              </label>
              <span className="muted">Browsers keep sound off until you click: press Play to start audio.</span>
            </div>
            <div className="row" role="toolbar" aria-label="Edit">
              <button type="button" className="secondary" onClick={() => setHistory(undo(history))} disabled={!canUndo(history)}>Undo</button>
              <button type="button" className="secondary" onClick={() => setHistory(redo(history))} disabled={!canRedo(history)}>Redo</button>
              <button type="button" className="secondary" onClick={() => edit({ op: 'transpose', semitones: -1, tracks: ['melody', 'chords', 'bass'] })}>Transpose down</button>
              <button type="button" className="secondary" onClick={() => edit({ op: 'transpose', semitones: 1, tracks: ['melody', 'chords', 'bass'] })}>Transpose up</button>
              <label>
                Tempo
                <input type="number" min={20} max={300} value={tempoEdit} onChange={(e) => setTempoEdit(Number(e.target.value))} />
              </label>
              <button type="button" className="secondary" onClick={() => edit({ op: 'setTempo', bpm: tempoEdit })}>Set tempo</button>
              <label>
                Bar
                <input type="number" min={1} max={arrangement.bars} value={regenBar} onChange={(e) => setRegenBar(Number(e.target.value))} />
              </label>
              <button type="button" className="secondary" onClick={onRegenerate} disabled={busy !== null}>Regenerate bar</button>
            </div>
            <table className="tracks">
              <caption className="sr-only">Tracks</caption>
              <thead>
                <tr><th scope="col">Track</th><th scope="col">Instrument</th><th scope="col">Notes</th><th scope="col">Mute</th><th scope="col">Solo</th></tr>
              </thead>
              <tbody>
                {arrangement.tracks.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">{TRACK_LABEL[t.id]}</th>
                    <td>
                      <select aria-label={`${TRACK_LABEL[t.id]} instrument`} value={t.instrument} onChange={(e) => edit({ op: 'setInstrument', track: t.id, instrument: e.target.value as InstrumentId })}>
                        {(t.id === 'drums' ? (['kit'] as InstrumentId[]) : MELODIC_INSTRUMENT_IDS).map((id) => <option key={id} value={id}>{INSTRUMENTS[id].label}</option>)}
                      </select>
                    </td>
                    <td>{t.notes.length}</td>
                    <td><button type="button" className="toggle" aria-pressed={t.muted} aria-label={`Mute ${TRACK_LABEL[t.id]}`} onClick={() => edit({ op: 'setMute', track: t.id, muted: !t.muted })}>M</button></td>
                    <td><button type="button" className="toggle" aria-pressed={t.solo} aria-label={`Solo ${TRACK_LABEL[t.id]}`} onClick={() => edit({ op: 'setSolo', track: t.id, solo: !t.solo })}>S</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="panel" aria-labelledby="roll-h">
            <h2 id="roll-h">Piano roll</h2>
            <div className="row">
              <label>
                Track
                <select aria-label="Track" value={rollTrack} onChange={(e) => setRollTrack(e.target.value as TrackId)}>
                  {TRACK_IDS.map((id) => <option key={id} value={id}>{TRACK_LABEL[id]}</option>)}
                </select>
              </label>
              <span className="muted">Notes: arrows move (Shift: octave / beat), Alt+←/→ resize, Delete removes; click the grid to add.</span>
            </div>
            {rollT && (
              <PianoRoll
                track={rollT}
                totalSteps={arrangement.bars * STEPS_PER_BAR}
                playheadRef={playheadRef}
                focusKey={focusKey}
                onFocusDone={onFocusDone}
                onUpdate={(from, to) => edit({ op: 'updateNote', track: rollTrack, from, to }, to)}
                onAdd={(note) => edit({ op: 'addNote', track: rollTrack, note })}
                onRemove={(note) => edit({ op: 'removeNote', track: rollTrack, note })}
              />
            )}
            <form className="row" aria-label="Add a note" onSubmit={(e) => { e.preventDefault(); edit({ op: 'addNote', track: rollTrack, note: { pitch: newNote.pitch, quantizedStartStep: newNote.start, quantizedEndStep: newNote.start + newNote.length, velocity: 100 } }); }}>
              <label>Pitch <input type="number" min={0} max={127} value={newNote.pitch} onChange={(e) => setNewNote({ ...newNote, pitch: Number(e.target.value) })} /></label>
              <label>Start step <input type="number" min={0} value={newNote.start} onChange={(e) => setNewNote({ ...newNote, start: Number(e.target.value) })} /></label>
              <label>Length (steps) <input type="number" min={1} value={newNote.length} onChange={(e) => setNewNote({ ...newNote, length: Number(e.target.value) })} /></label>
              <button type="submit" className="secondary">Add note</button>
            </form>
          </section>

          <section className="panel" aria-labelledby="render-h">
            <h2 id="render-h">Render and export</h2>
            <div className="row">
              <label>
                Renderer
                <select aria-label="Renderer" value={engine} onChange={(e) => setEngine(e.target.value as 'js' | 'tone' | 'tone-synths')}>
                  <option value="js">Fast (JS oscillators, in the worker)</option>
                  <option value="tone">Tone.Offline, Web Audio voices</option>
                  <option value="tone-synths">Tone.Offline, Tone.js instruments (as played)</option>
                </select>
              </label>
              <button type="button" onClick={onRender} disabled={busy !== null}>Render WAV</button>
              <button type="button" className="secondary" onClick={onMidi}>Export MIDI</button>
              <button type="button" className="secondary" onClick={onLog}>Export edit log</button>
            </div>
            {render && (
              <div className="render">
                <Waveform peaks={render.peaks} seconds={render.seconds} />
                <p data-testid="render-info">
                  {render.engine}: {render.seconds.toFixed(1)} s, 44.1 kHz 16-bit stereo, {(render.bytes / 1048576).toFixed(2)} MB,
                  {' '}{render.xRealtime.toFixed(1)}× real time, peak {(20 * Math.log10(render.peak)).toFixed(1)} dBFS.
                </p>
                <a className="button" href={render.wavUrl} download={`motif-${result.digest.slice(7, 15)}.wav`}>Download WAV</a>
              </div>
            )}
            <div className="row">
              <Suspense fallback={null}>
                <PublishButton
                  result={{ request: result.request, digest: result.digest, progression: result.progression, backend: result.backend }}
                  composed={history.base}
                  ops={editLog(history).ops}
                  render={render ? { wavUrl: render.wavUrl, engine: render.engine, seconds: render.seconds, watermark: render.watermark } : null}
                />
              </Suspense>
              {midiUrl && <a className="button" href={midiUrl} download={`motif-${result.digest.slice(7, 15)}.mid`}>Download MIDI</a>}
              {logUrl && <a className="button" href={logUrl} download={`motif-${result.digest.slice(7, 15)}.edits.json`}>Download edit log</a>}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
