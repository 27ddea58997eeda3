'use client';

import type { TxState } from '../../_hooks/use-tx';

/** The live status line of the track page's transactions (announced to screen readers). */
export function TxStatus({ state }: { state: TxState }) {
  if (state.phase === 'idle') return <p role="status" aria-live="polite" className="tx-status" />;
  return (
    <p
      role={state.phase === 'error' ? 'alert' : 'status'}
      aria-live="polite"
      className={`tx-status tx-${state.phase}`}
      data-phase={state.phase}
    >
      {state.message}
      {state.hash && (
        <>
          {' '}
          <code title={state.hash}>{state.hash.slice(0, 10)}…</code>
        </>
      )}
    </p>
  );
}
