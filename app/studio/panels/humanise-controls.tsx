'use client';
/**
 * Humanise the melody: velocity amount, timing amount and seed in, `updateNote` edits out (rule version 2:
 * lib/studio/humanise.ts). The timing slider works from the keyboard (arrows, Page Up/Down, Home/End).
 */
import { useState } from 'react';
import type { Arrangement } from '../../../lib/generation/arrangement/types';
import type { EditOp } from '../../../lib/generation/edit-log/schema';
import { humaniseOps } from '../../../lib/studio/humanise';

const percent = (v: number) => Math.min(100, Math.max(0, Number.isFinite(v) ? v : 0)) / 100;

export function HumaniseControls(p: { arrangement: Arrangement; onEdits(ops: readonly EditOp[]): void }) {
  const [amount, setAmount] = useState(30);
  const [timing, setTiming] = useState(30);
  const [seed, setSeed] = useState(1);
  const run = () =>
    p.onEdits(humaniseOps(p.arrangement, { track: 'melody', seed, amount: percent(amount), timing: percent(timing) }));
  return (
    <div className="row" role="group" aria-label="Humanise">
      <label>
        Humanise amount (%)
        <input type="number" min={0} max={100} value={amount} onChange={(e) => setAmount(Number(e.target.value))} />
      </label>
      <label>
        Humanise timing (%)
        <input
          type="range"
          min={0}
          max={100}
          step={5}
          value={timing}
          aria-valuetext={`${timing} %: notes move by up to ${Math.round(0.4 * timing)} % of a sixteenth`}
          onChange={(e) => setTiming(Number(e.target.value))}
        />
        <output aria-hidden="true">{timing}</output>
      </label>
      <label>
        Humanise variation (a number: the same one gives the same result)
        <input
          type="number"
          min={0}
          max={4294967295}
          value={seed}
          onChange={(e) => setSeed(Math.max(0, Math.trunc(Number(e.target.value))))}
        />
      </label>
      <button type="button" className="secondary" onClick={run}>
        Humanise melody
      </button>
    </div>
  );
}
