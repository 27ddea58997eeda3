'use client';

import { useState } from 'react';

const today = () => new Date().toISOString().slice(0, 10);

/** The CSV statement of a period (UTC days, both included). */
export function Statement({ labelId }: { labelId: string }) {
  const [from, setFrom] = useState(() => `${today().slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const href = `/api/labels/${labelId}/statement?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return (
    <section aria-labelledby="statement-heading">
      <h2 id="statement-heading">Statement</h2>
      <p>
        A CSV of every primary sale, resale royalty, distribution, payee credit and withdrawal in the period (UTC days,
        both included); each row names its transaction hash and log index.
      </p>
      <label htmlFor="statement-from">From</label>{' '}
      <input id="statement-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />{' '}
      <label htmlFor="statement-to">To</label>{' '}
      <input id="statement-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />{' '}
      <a href={href} download={`statement-${from}-to-${to}.csv`}>
        Download CSV statement
      </a>
    </section>
  );
}
