'use client';

import { formatEther } from 'viem';

export type SeriesPoint = { date: string; primarySales: string; resaleRoyalties: string };

/** Stacked daily bars (primary sales, resale royalties) in ETH, as SVG; the same numbers are listed as text beside it. */
export function EarningsChart({ series }: { series: SeriesPoint[] }) {
  if (series.length === 0) return <p>No earnings yet in this period.</p>;
  const W = 640;
  const H = 220;
  const pad = { l: 70, b: 40, t: 10, r: 10 };
  const values = series.map((p) => ({ date: p.date, primary: Number(formatEther(BigInt(p.primarySales))), resale: Number(formatEther(BigInt(p.resaleRoyalties))) }));
  const max = Math.max(...values.map((v) => v.primary + v.resale), Number.MIN_VALUE);
  const bw = (W - pad.l - pad.r) / values.length;
  const y = (v: number) => ((H - pad.t - pad.b) * v) / max;
  return (
    <figure>
      <svg role="img" aria-labelledby="earnings-chart-title" viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W }}>
        <title id="earnings-chart-title">Earnings over time (ETH per day): primary sales and resale royalties</title>
        <line x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} stroke="currentColor" />
        <text x={pad.l - 6} y={pad.t + 10} textAnchor="end" fontSize="11" fill="currentColor">{max.toPrecision(3)}</text>
        <text x={pad.l - 6} y={H - pad.b} textAnchor="end" fontSize="11" fill="currentColor">0</text>
        {values.map((v, i) => {
          const x = pad.l + i * bw + bw * 0.15;
          const hp = y(v.primary);
          const hr = y(v.resale);
          return (
            <g key={v.date}>
              <rect x={x} y={H - pad.b - hp} width={bw * 0.7} height={hp} fill="#4a7bd0"><title>{`${v.date} primary sales ${v.primary} ETH`}</title></rect>
              <rect x={x} y={H - pad.b - hp - hr} width={bw * 0.7} height={hr} fill="#e0913a"><title>{`${v.date} resale royalties ${v.resale} ETH`}</title></rect>
              <text x={x + bw * 0.35} y={H - pad.b + 14} textAnchor="middle" fontSize="10" fill="currentColor">{v.date.slice(5)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption><span style={{ color: '#4a7bd0' }}>■</span> primary sales <span style={{ color: '#e0913a' }}>■</span> resale royalties</figcaption>
    </figure>
  );
}
