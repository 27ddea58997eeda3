'use client';
/**
 * Notes played on the computer keyboard (in the focused "Play notes" area) or on a Web MIDI device, quantised into
 * the primer as they are released (rules: lib/studio/primer.ts). Key repeats are ignored; a key held when focus
 * leaves is let go then.
 */
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import type { Meter } from '../../../lib/generation/arrangement/meter';
import {
  BASE_OCTAVE_PITCH,
  keyAction,
  primerFromPlayed,
  type PlayedNote,
  type RecordedPrimer,
} from '../../../lib/studio/primer';

type MidiInput = { onmidimessage: ((e: { data: Uint8Array | null }) => void) | null };
type MidiAccess = { inputs: { forEach(cb: (input: MidiInput) => void): void } };

export function usePlayedNotes(tempo: number, meter: Meter, onPrimer: (p: RecordedPrimer | null) => void) {
  const [octave, setOctave] = useState(BASE_OCTAVE_PITCH);
  const [midiState, setMidiState] = useState<'off' | 'listening' | 'unavailable'>('off');
  const played = useRef<PlayedNote[]>([]);
  const held = useRef(new Map<number, number>());

  const down = useCallback((pitch: number) => {
    if (!held.current.has(pitch)) held.current.set(pitch, performance.now());
  }, []);
  const up = useCallback(
    (pitch: number) => {
      const downMs = held.current.get(pitch);
      if (downMs === undefined) return;
      held.current.delete(pitch);
      played.current = [...played.current, { pitch, downMs, upMs: performance.now() }];
      onPrimer(primerFromPlayed(played.current, tempo, meter));
    },
    [onPrimer, tempo, meter],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const a = keyAction(e.key, octave);
      if (!a) return;
      e.preventDefault();
      if (e.repeat) return;
      if (a.type === 'octave') setOctave(a.base);
      else down(a.pitch);
    },
    [octave, down],
  );
  const onKeyUp = useCallback(
    (e: KeyboardEvent) => {
      const a = keyAction(e.key, octave);
      if (a?.type === 'note') up(a.pitch);
    },
    [octave, up],
  );
  const onBlur = useCallback(() => [...held.current.keys()].forEach(up), [up]);

  const clear = useCallback(() => {
    played.current = [];
    held.current.clear();
    onPrimer(null);
  }, [onPrimer]);

  /** Web MIDI: note on (velocity > 0) / note off from every input, where the browser offers it. */
  const listenMidi = useCallback(async () => {
    const nav = navigator as Navigator & { requestMIDIAccess?: () => Promise<MidiAccess> };
    if (!nav.requestMIDIAccess) return setMidiState('unavailable');
    try {
      const access = await nav.requestMIDIAccess();
      access.inputs.forEach((input) => {
        input.onmidimessage = ({ data }) => {
          const [status = 0, pitch = 0, velocity = 0] = data ?? [];
          if ((status & 0xf0) === 0x90 && velocity > 0) down(pitch);
          else if ((status & 0xf0) === 0x80 || (status & 0xf0) === 0x90) up(pitch);
        };
      });
      setMidiState('listening');
    } catch {
      setMidiState('unavailable');
    }
  }, [down, up]);

  return { octave, onKeyDown, onKeyUp, onBlur, clear, listenMidi, midiState };
}
