'use client';
/**
 * The creator's own primer: a MIDI file (checked: size, format, parse errors shown) or notes played in the "Play
 * notes" area (computer keyboard or Web MIDI), quantised to sixteenths (lib/studio/primer.ts).
 */
import { useState, type ChangeEvent } from 'react';
import {
  PRIMER_MAX_BYTES,
  primerFromMidi,
  primerSummary,
  studioMeterOfMidi,
  type RecordedPrimer,
} from '../../../lib/studio/primer';
import type { Meter } from '../../../lib/generation/arrangement/meter';
import { usePlayedNotes } from '../hooks/use-played-notes';

const NOTE_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const noteName = (p: number) => `${NOTE_NAMES[p % 12] ?? ''}${Math.floor(p / 12) - 1}`;

export function OwnPrimer(p: {
  value: RecordedPrimer | null;
  tempo: number;
  meter: Meter;
  /** A new primer, and the meter to switch to when an uploaded file is written in another one. */
  onChange(v: RecordedPrimer | null, meter?: Meter): void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const keys = usePlayedNotes(p.tempo, p.meter, (v) => {
    setProblem(null);
    p.onChange(v);
  });

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setProblem(null);
    setNotice(null);
    if (file.size > PRIMER_MAX_BYTES) {
      setProblem(`${file.name} is ${file.size} bytes; a primer file may be at most ${PRIMER_MAX_BYTES}.`);
      return;
    }
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // the file's own bars: a waltz is cut into 3/4 bars, and the studio's meter follows it
      const meter = studioMeterOfMidi(bytes) ?? p.meter;
      const primer = primerFromMidi(bytes, file.name, meter);
      if (meter !== p.meter) {
        setNotice(`${file.name} is in ${meter}: the studio's meter is now ${meter}.`);
        p.onChange(primer, meter);
      } else p.onChange(primer);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="own-primer">
      <label>
        MIDI file for the primer (up to 4 bars are used)
        <input type="file" accept=".mid,.midi,audio/midi" onChange={(e) => void upload(e)} />
      </label>
      <div
        className="play-notes"
        tabIndex={0}
        role="application"
        aria-label="Play notes"
        aria-describedby="play-notes-help"
        onKeyDown={keys.onKeyDown}
        onKeyUp={keys.onKeyUp}
        onBlur={keys.onBlur}
      >
        <strong>Play notes</strong>{' '}
        <span id="play-notes-help" className="muted">
          Click here, then play: A W S E D F T G Y H U J K are one octave from {noteName(keys.octave)}; Z and X move an
          octave down or up. Notes snap to sixteenths at the tempo.
        </span>
      </div>
      <div className="row">
        <button type="button" className="secondary" onClick={keys.clear} disabled={!p.value}>
          Clear primer
        </button>
        <button type="button" className="secondary" onClick={() => void keys.listenMidi()}>
          Use a MIDI keyboard
        </button>
        {keys.midiState !== 'off' && (
          <span className="muted">
            {keys.midiState === 'listening' ? 'Listening to MIDI devices.' : 'This browser offers no MIDI devices.'}
          </span>
        )}
      </div>
      <p data-testid="primer-summary" aria-live="polite">
        {p.value ? `Your primer: ${primerSummary(p.value, p.meter)}.` : 'No primer yet.'}
        {notice ? ` ${notice}` : ''}
      </p>
      {problem && (
        <p role="alert" className="error" data-testid="primer-error">
          {problem}
        </p>
      )}
    </div>
  );
}
