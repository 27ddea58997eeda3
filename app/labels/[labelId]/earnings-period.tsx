'use client';

import { useState } from 'react';

/** The period form: a from and to date, or all time (null). */
export function EarningsPeriod({ onApply }: { onApply: (period: { from: string; to: string } | null) => void }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onApply(from && to ? { from, to } : null);
      }}
      aria-label="Earnings period"
    >
      <label htmlFor="earnings-from">Period from</label>{' '}
      <input id="earnings-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />{' '}
      <label htmlFor="earnings-to">to</label>{' '}
      <input id="earnings-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />{' '}
      <button type="submit">Show period</button>{' '}
      <button
        type="button"
        onClick={() => {
          setFrom('');
          setTo('');
          onApply(null);
        }}
      >
        All time
      </button>
    </form>
  );
}
