'use client';

import type { useSplitChain } from './use-split-chain';

export type Chain = ReturnType<typeof useSplitChain>;

/** A split action's outcome, announced politely (role=alert for a refusal or failure). */
export function Status({ status }: { status: { role: 'alert' | 'status'; text: string } | null }) {
  return <div aria-live="polite">{status ? <p role={status.role}>{status.text}</p> : null}</div>;
}
