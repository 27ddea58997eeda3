/**
 * Re-runs every `latentBars` edit of an edit log with the MusicVAE its record names and compares the notes: the
 * verifier's check that a blended or varied passage is what the recorded model, weights, seed and inputs give.
 */
import type { EditOp } from '../../edit-log/schema';
import type { LatentOps } from '../adapter';
import type { ArrangementNote } from '../../arrangement/types';
import { sortNotes } from '../../notes/melody';
import { BaseError } from '../../../errors/base';

export class LatentEditMismatchError extends BaseError {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(`edit ${index} (latentBars): ${message}`);
    this.name = 'LatentEditMismatchError';
  }
}

const canonical = (notes: readonly ArrangementNote[]): string =>
  JSON.stringify(
    (sortNotes(notes) as ArrangementNote[]).map((n) => [n.pitch, n.quantizedStartStep, n.quantizedEndStep, n.velocity]),
  );

/** The MusicVAE for a record: `weightsCid` must name exactly the weights loaded. */
export type LoadLatentModel = (modelId: string, weightsCid: string) => Promise<LatentOps>;

/** Number of latentBars edits checked; throws LatentEditMismatchError at the first that does not re-run. */
export async function checkLatentEdits(ops: readonly EditOp[], load: LoadLatentModel): Promise<number> {
  let checked = 0;
  for (const [index, op] of ops.entries()) {
    if (op.op !== 'latentBars') continue;
    const g = op.generation;
    const limit = g.operation === 'interpolate' ? g.steps : g.count;
    if (g.index >= limit) throw new LatentEditMismatchError(index, `result ${g.index} of ${limit} does not exist`);
    const model = await load(g.modelId, g.weightsCid);
    const again = canonical(model.latentBarsNotes(g, op.bar));
    if (again !== canonical(op.notes))
      throw new LatentEditMismatchError(index, `re-running ${g.modelId} gives ${again}, the log records other notes`);
    checked++;
  }
  return checked;
}
