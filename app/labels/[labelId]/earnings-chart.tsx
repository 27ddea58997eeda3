'use client';

import 'chartist/dist/index.css';
import { BarChart } from 'chartist';
import { useEffect, useRef } from 'react';
import { formatUnits } from 'viem';
import { useNativeCurrency } from '../../_hooks/use-chain-info';

export type SeriesPoint = { date: string; primarySales: string; resaleRoyalties: string };

/**
 * Earnings per day in the chain's currency, primary sales and resale royalties stacked, drawn as SVG by Chartist; the same numbers are
 * given as a text table below the chart for screen readers and copying.
 */
export function EarningsChart({ series }: { series: SeriesPoint[] }) {
  const host = useRef<HTMLDivElement>(null);
  const { symbol, decimals } = useNativeCurrency();
  const units = (baseUnits: string) => formatUnits(BigInt(baseUnits), decimals);
  const key = JSON.stringify(series);
  useEffect(() => {
    const el = host.current;
    const points = JSON.parse(key) as SeriesPoint[];
    if (!el || points.length === 0) return;
    const chart = new BarChart(
      el,
      {
        labels: points.map((p) => p.date),
        series: [
          points.map((p) => Number(formatUnits(BigInt(p.primarySales), decimals))),
          points.map((p) => Number(formatUnits(BigInt(p.resaleRoyalties), decimals))),
        ],
      },
      {
        stackBars: true,
        height: '220px',
        axisY: { onlyInteger: false, labelInterpolationFnc: (v: unknown) => `${String(v)} ${symbol}` },
      },
    );
    return () => {
      chart.detach();
    };
  }, [key, symbol, decimals]);
  if (series.length === 0) return <p>No earnings yet in this period.</p>;
  return (
    <figure>
      <div
        ref={host}
        role="img"
        aria-label={`Bar chart of earnings per day in ${symbol}: primary sales and resale royalties, stacked (values in the table below)`}
        data-testid="earnings-chart"
      />
      <figcaption>Primary sales (first series) and resale royalties (second series), per UTC day.</figcaption>
      <table>
        <caption>Earnings over time ({symbol})</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Primary sales</th>
            <th scope="col">Resale royalties</th>
          </tr>
        </thead>
        <tbody>
          {series.map((p) => (
            <tr key={p.date}>
              <td>{p.date}</td>
              <td>{units(p.primarySales)}</td>
              <td>{units(p.resaleRoyalties)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
