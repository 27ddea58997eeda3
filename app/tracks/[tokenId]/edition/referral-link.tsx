'use client';

import { useEffect, useId, useState } from 'react';
import type { Address } from 'viem';

/** The signed-in collector's referral link for this track, with a Copy button. */
export function ReferralLink({
  tokenId,
  viewer,
  referralBps,
}: {
  tokenId: string;
  viewer: Address;
  referralBps: number;
}) {
  const ids = useId();
  const [origin, setOrigin] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => setOrigin(window.location.origin), []);
  if (!origin) return null;
  const link = `${origin}/tracks/${tokenId}?ref=${viewer}`;
  return (
    <p>
      <label htmlFor={`${ids}-ref`}>
        Your referral link (you earn {referralBps / 100}% of each copy collected through it)
      </label>{' '}
      <input id={`${ids}-ref`} readOnly value={link} data-testid="edition-referral-link" size={60} />
      <button
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(link).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        Copy
      </button>
      <span role="status" aria-live="polite">
        {copied ? 'Copied.' : ''}
      </span>
    </p>
  );
}
