'use client';

import 'chartist/dist/index.css';
import { BarChart } from 'chartist';
import { useEffect, useRef } from 'react';
import { formatEther } from 'viem';

export type SeriesPoint = { date: string; primarySales: string; resaleRoyalties: string };

/**
 * Earnings per day (ETH), primary sales and resale royalties stacked, drawn as SVG by Chartist; the same numbers are
 * given as a text table below the chart for screen readers and copying.
 */
export function EarningsChart({ series }: { series: SeriesPoint[] }) {
  const host = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(series);
  useEffect(() => {
    const el = host.current;
    const points = JSON.parse(key) as SeriesPoint[];
    if (!el || points.length === 0) return;
    const chart = new BarChart(
      el,
      {
        labels: points.map((p) => p.date),
        series: [points.map((p) => Number(formatEther(BigInt(p.primarySales)))), points.map((p) => Number(formatEther(BigInt(p.resaleRoyalties))))],
      },
      { stackBars: true, height: '220px', axisY: { onlyInteger: false, labelInterpolationFnc: (v: unknown) => `${String(v)} ETH` } },
    );
    return () => {
      chart.detach();
    };
  }, [key]);
  if (series.length === 0) return <p>No earnings yet in this period.</p>;
  return (
    <figure>
      <div ref={host} role="img" aria-label="Bar chart of earnings per day in ETH: primary sales and resale royalties, stacked (values in the table below)" data-testid="earnings-chart" />
      <figcaption>Primary sales (first series) and resale royalties (second series), per UTC day.</figcaption>
      <table>
        <caption>Earnings over time (ETH)</caption>
        <thead><tr><th scope="col">Day</th><th scope="col">Primary sales</th><th scope="col">Resale royalties</th></tr></thead>
        <tbody>{series.map((p) => <tr key={p.date}><td>{p.date}</td><td>{formatEther(BigInt(p.primarySales))}</td><td>{formatEther(BigInt(p.resaleRoyalties))}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
