'use client';
/**
 * Piano roll of one track (SVG). Notes are focusable buttons: arrows move (Shift: by an octave / a beat),
 * Alt+Left/Right shorten/lengthen, Delete removes. Clicking the grid adds a one-beat note; double-click removes.
 */
import { useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { soundingStep, type ArrangementNote, type Track } from '../../lib/generation/arrangement/types';
import { meterSpec, type Meter } from '../../lib/generation/arrangement/meter';

const STEP_W = 10;
const ROW_H = 7;
const NAMES = ['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B'];

export function pitchName(p: number): string {
  return `${NAMES[p % 12] ?? '?'}${Math.floor(p / 12) - 1}`;
}

export function noteKey(n: ArrangementNote): string {
  const key = `${n.pitch}:${n.quantizedStartStep}:${n.quantizedEndStep}:${n.velocity}`;
  return n.offsetTicks ? `${key}:${n.offsetTicks}` : key;
}

/** How a humanised note's timing reads, e.g. `, 12/120 of a step late` (nothing for a note on the grid). */
function offsetLabel(n: ArrangementNote): string {
  const o = n.offsetTicks ?? 0;
  return o === 0 ? '' : `, ${Math.abs(o)}/120 of a step ${o > 0 ? 'late' : 'early'}`;
}

export type PianoRollProps = {
  track: Track;
  totalSteps: number;
  /** Bar and beat lines of this meter (absent: 4/4). */
  meter?: Meter | undefined;
  playheadRef: RefObject<SVGLineElement | null>;
  focusKey: string | null;
  onFocusDone(): void;
  onUpdate(from: ArrangementNote, to: ArrangementNote): void;
  onAdd(n: ArrangementNote): void;
  onRemove(n: ArrangementNote): void;
};

export function PianoRoll({
  track,
  totalSteps,
  meter,
  playheadRef,
  focusKey,
  onFocusDone,
  onUpdate,
  onAdd,
  onRemove,
}: PianoRollProps) {
  const svgRef = useRef<SVGSVGElement | null>(null);
  const [low, high] = useMemo(() => {
    const ps = track.notes.map((n) => n.pitch);
    const lo = ps.length ? Math.min(...ps) - 2 : 48;
    const hi = ps.length ? Math.max(...ps) + 2 : 84;
    return hi - lo < 24 ? [lo, lo + 24] : [lo, hi];
  }, [track.notes]);
  const rows = high - low + 1;
  const { stepsPerBar, beats } = meterSpec(meter);
  const gridLines = useMemo(() => {
    const out: Array<{ step: number; bar: boolean }> = [];
    for (let at = 0; at < totalSteps; at += stepsPerBar)
      for (const b of beats) if (at + b < totalSteps) out.push({ step: at + b, bar: b === 0 });
    out.push({ step: totalSteps, bar: true });
    return out;
  }, [totalSteps, stepsPerBar, beats]);
  const width = totalSteps * STEP_W;
  const height = rows * ROW_H;

  useEffect(() => {
    if (!focusKey) return;
    // the note itself, else (the last note removed) the roll's box, never the body
    const el = svgRef.current?.querySelector<SVGRectElement>(`[data-note="${focusKey}"]`);
    (el ?? svgRef.current?.parentElement)?.focus();
    onFocusDone();
  }, [focusKey, onFocusDone, track.notes]);

  const onKey = (n: ArrangementNote) => (e: KeyboardEvent<SVGRectElement>) => {
    const len = n.quantizedEndStep - n.quantizedStartStep;
    let to: ArrangementNote | null = null;
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const d = (e.key === 'ArrowUp' ? 1 : -1) * (e.shiftKey ? 12 : 1);
      to = { ...n, pitch: Math.min(127, Math.max(0, n.pitch + d)) };
    } else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && e.altKey) {
      const newLen = Math.max(1, len + (e.key === 'ArrowRight' ? 1 : -1));
      to = { ...n, quantizedEndStep: Math.min(totalSteps, n.quantizedStartStep + newLen) };
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const d = (e.key === 'ArrowRight' ? 1 : -1) * (e.shiftKey ? 4 : 1);
      const start = Math.min(totalSteps - len, Math.max(0, n.quantizedStartStep + d));
      to = { ...n, quantizedStartStep: start, quantizedEndStep: start + len };
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      onRemove(n);
      return;
    }
    if (to) {
      e.preventDefault();
      if (noteKey(to) !== noteKey(n)) onUpdate(n, to);
    }
  };

  const onGridClick = (e: MouseEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const step = Math.floor((e.clientX - box.left) / STEP_W / 4) * 4;
    const pitch = high - Math.floor((e.clientY - box.top) / ROW_H);
    if (step + 4 <= totalSteps) onAdd({ pitch, quantizedStartStep: step, quantizedEndStep: step + 4, velocity: 100 });
  };

  return (
    <div className="roll-scroll" role="region" aria-label={`Piano roll of the ${track.id} track`} tabIndex={0}>
      <svg ref={svgRef} width={width} height={height} className="roll" aria-label={`${track.notes.length} notes`}>
        <rect x={0} y={0} width={width} height={height} className="roll-bg" onClick={onGridClick} aria-hidden="true" />
        {Array.from({ length: rows }, (_, r) => {
          const p = high - r;
          return [1, 3, 6, 8, 10].includes(p % 12) ? (
            <rect
              key={`k${p}`}
              x={0}
              y={r * ROW_H}
              width={width}
              height={ROW_H}
              className="roll-black"
              pointerEvents="none"
            />
          ) : null;
        })}
        {gridLines.map(({ step, bar }) => (
          <line
            key={`b${step}`}
            x1={step * STEP_W}
            x2={step * STEP_W}
            y1={0}
            y2={height}
            className={bar ? 'roll-bar' : 'roll-beat'}
            data-step={step}
            pointerEvents="none"
          />
        ))}
        {track.notes.map((n, i) => (
          <rect
            key={`${noteKey(n)}#${i}`}
            data-note={noteKey(n)}
            x={soundingStep(n.quantizedStartStep, n) * STEP_W}
            y={(high - n.pitch) * ROW_H}
            width={(n.quantizedEndStep - n.quantizedStartStep) * STEP_W - 1}
            height={ROW_H - 1}
            className="roll-note"
            tabIndex={0}
            role="button"
            aria-label={`${pitchName(n.pitch)}, bar ${Math.floor(n.quantizedStartStep / stepsPerBar) + 1} step ${(n.quantizedStartStep % stepsPerBar) + 1}, ${n.quantizedEndStep - n.quantizedStartStep} sixteenths${offsetLabel(n)}`}
            onKeyDown={onKey(n)}
            onDoubleClick={() => onRemove(n)}
          />
        ))}
        <line ref={playheadRef} x1={0} x2={0} y1={0} y2={height} className="roll-playhead" pointerEvents="none" />
      </svg>
    </div>
  );
}

export const PIANO_ROLL_STEP_W = STEP_W;
