'use client';
/**
 * Blend two 2-bar passages of the melody, or draw variations of one, with the shipped MusicVAE; preview the results
 * and apply one as a `latentBars` edit (recorded with the model, weights, seed and inputs). Rules: lib/studio/blend.ts.
 */
import { useState } from 'react';
import type { Arrangement } from '../../../lib/generation/arrangement/types';
import type { EditOp, LatentGeneration } from '../../../lib/generation/edit-log/schema';
import type { QuantizedNote } from '../../../lib/generation/notes/melody';
import { blendGeneration, latentBarsEdit, type BlendRequest } from '../../../lib/studio/blend';
import { useLatentModel, type LoadedLatentModel } from '../hooks/use-latent-model';

type Preview = { model: LoadedLatentModel; generation: LatentGeneration; results: QuantizedNote[][] };

const NOTE_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const noteName = (p: number) => `${NOTE_NAMES[p % 12] ?? '?'}${Math.floor(p / 12) - 1}`;

function NumberField(p: {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  set(v: number): void;
}) {
  return (
    <label>
      {p.label}
      <input
        type="number"
        min={p.min}
        max={p.max}
        step={p.step ?? 1}
        value={p.value}
        onChange={(e) => p.set(Number(e.target.value))}
      />
    </label>
  );
}

export function BlendPanel(p: { arrangement: Arrangement; onEdit(op: EditOp): boolean }) {
  const load = useLatentModel();
  const [mode, setMode] = useState<'interpolate' | 'vary'>('interpolate');
  const [barA, setBarA] = useState(1);
  const [barB, setBarB] = useState(3);
  const [steps, setSteps] = useState(4);
  const [amount, setAmount] = useState(0.5);
  const [seed, setSeed] = useState(1);
  const [target, setTarget] = useState(1);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [applied, setApplied] = useState<string | null>(null);

  const run = async () => {
    setProblem(null);
    setApplied(null);
    try {
      const model = await load();
      const request: BlendRequest =
        mode === 'interpolate'
          ? { operation: 'interpolate', barA: barA - 1, barB: barB - 1, steps, seed, temperature: 0 }
          : { operation: 'vary', barA: barA - 1, amount, count: steps, seed, temperature: 0.5 };
      const generation = blendGeneration(p.arrangement, model.entry, request);
      const opts = { seed: generation.seed, temperature: generation.temperature };
      const results =
        generation.operation === 'interpolate'
          ? model.latent.interpolate(generation.a, generation.b, generation.steps, opts)
          : model.latent.vary(generation.a, generation.amount, generation.count, opts);
      setPreview({ model, generation, results });
    } catch (e) {
      setPreview(null);
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };

  const apply = (index: number) => {
    if (!preview) return;
    try {
      const op = latentBarsEdit(p.arrangement, preview.generation, index, target - 1, (g, bar) =>
        preview.model.latent.latentBarsNotes(g, bar),
      );
      if (p.onEdit(op)) setApplied(`Applied result ${index + 1} to bars ${target}-${target + 1}`);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="panel" aria-label="Blend and vary">
      <h2>Blend and vary (MusicVAE, 2 bars)</h2>
      <div className="row">
        <label>
          Mode
          <select value={mode} onChange={(e) => setMode(e.target.value === 'vary' ? 'vary' : 'interpolate')}>
            <option value="interpolate">Blend bar A into bar B</option>
            <option value="vary">Variations of bar A</option>
          </select>
        </label>
        <NumberField label="Bar A" value={barA} min={1} max={p.arrangement.bars - 1} set={setBarA} />
        {mode === 'interpolate' && (
          <NumberField label="Bar B" value={barB} min={1} max={p.arrangement.bars - 1} set={setBarB} />
        )}
        <NumberField label="Results" value={steps} min={mode === 'interpolate' ? 2 : 1} max={16} set={setSteps} />
        {mode === 'vary' && <NumberField label="Amount" value={amount} min={0} max={4} step={0.1} set={setAmount} />}
        <NumberField label="Blend variation" value={seed} min={0} max={4294967295} set={setSeed} />
        <NumberField label="Write into bar" value={target} min={1} max={p.arrangement.bars - 1} set={setTarget} />
        <button type="button" onClick={() => void run()}>
          Preview blend
        </button>
      </div>
      {problem && <p role="alert">{problem}</p>}
      {applied && <p role="status">{applied}</p>}
      {preview && (
        <ol aria-label="Blend results">
          {preview.results.map((notes, i) => (
            <li key={i}>
              <span>
                {notes.length} notes: {notes.map((n) => noteName(n.pitch)).join(' ') || 'rest'}
              </span>{' '}
              <button type="button" className="secondary" onClick={() => apply(i)}>
                Apply result {i + 1}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
