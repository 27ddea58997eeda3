'use client';
/** Humanise the melody's velocities: amount and seed in, `updateNote` edits out (rule: lib/studio/humanise.ts). */
import { useState } from 'react';
import type { Arrangement } from '../../../lib/generation/arrangement/types';
import type { EditOp } from '../../../lib/generation/edit-log/schema';
import { humaniseOps } from '../../../lib/studio/humanise';

export function HumaniseControls(p: { arrangement: Arrangement; onEdits(ops: readonly EditOp[]): void }) {
  const [amount, setAmount] = useState(30);
  const [seed, setSeed] = useState(1);
  const run = () =>
    p.onEdits(humaniseOps(p.arrangement, { track: 'melody', seed, amount: Math.min(100, Math.max(0, amount)) / 100 }));
  return (
    <div className="row" role="group" aria-label="Humanise">
      <label>
        Humanise amount (%)
        <input type="number" min={0} max={100} value={amount} onChange={(e) => setAmount(Number(e.target.value))} />
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
        Humanise melody velocity
      </button>
    </div>
  );
}
