import { netPerCopy } from '../../../lib/editions/pricing';
import type { PhaseInput, ScheduleIssue } from '../../../lib/editions/schedule';
import { MODE_LABEL } from './phase-editor';

/** The schedule as it will be created, the creator's net per copy, the allowlist root, and every problem left. */
export function SchedulePreview({
  ids,
  inputs,
  formats,
  referralBps,
  tree,
  issues,
  maxSupply,
}: {
  ids: string;
  inputs: PhaseInput[];
  /** Per phase: formats an amount in that phase's currency. */
  formats: ((baseUnits: bigint) => string)[];
  referralBps: number;
  tree: { root: string; size: number } | null;
  issues: ScheduleIssue[];
  maxSupply: number;
}) {
  const first = inputs.findIndex((p) => p.price >= 0n);
  return (
    <section aria-labelledby={`${ids}-preview`}>
      <h2 id={`${ids}-preview`}>Preview</h2>
      <ol data-testid="edition-schedule">
        {inputs.map((p, i) => {
          const fmt = formats[i]!;
          return (
            <li key={i}>
              {MODE_LABEL[p.mode]}: {p.start > 0 ? new Date(p.start * 1000).toLocaleString() : '?'} →{' '}
              {p.end > 0 ? new Date(p.end * 1000).toLocaleString() : '?'}, {p.price >= 0n ? fmt(p.price) : '?'} per copy
              {p.price >= 0n && referralBps >= 0 && (
                <>
                  {' '}
                  · you net {fmt(netPerCopy(p.price, referralBps).withoutReferral)} per copy,{' '}
                  {fmt(netPerCopy(p.price, referralBps).withReferral)} when referred
                </>
              )}
            </li>
          );
        })}
      </ol>
      {tree && (
        <p className="muted">
          Allowlist merkle root <code data-testid="allowlist-root">{tree.root}</code> ({tree.size} entries), pinned to
          IPFS when you create.
        </p>
      )}
      {issues.length > 0 ? (
        <ul role="alert" data-testid="edition-issues">
          {issues.map((issue, i) => (
            <li key={i}>{issue.phase === null ? issue.message : `Phase ${issue.phase + 1}: ${issue.message}`}</li>
          ))}
        </ul>
      ) : (
        <p role="status">
          Ready: {maxSupply > 0 ? `${maxSupply} copies` : 'an open edition'}, from{' '}
          {first >= 0 ? formats[first]!(inputs[first]!.price) : formats[0]!(0n)}.
        </p>
      )}
    </section>
  );
}
