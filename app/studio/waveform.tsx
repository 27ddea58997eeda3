'use client';
import { useEffect, useRef } from 'react';

/** Draws min/max peaks per pixel column of a render. */
export function Waveform({ peaks, seconds }: { peaks: Array<[number, number]>; seconds: number }) {
  const ref = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    const c = ref.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    const h = c.height;
    g.clearRect(0, 0, c.width, h);
    g.fillStyle = '#a78bfa';
    peaks.forEach(([lo, hi], x) => {
      const y1 = ((1 - hi) / 2) * h;
      const y2 = ((1 - lo) / 2) * h;
      g.fillRect(x, y1, 1, Math.max(1, y2 - y1));
    });
  }, [peaks]);
  return (
    <canvas
      ref={ref}
      width={peaks.length}
      height={96}
      className="waveform"
      role="img"
      aria-label={`Waveform of the render, ${seconds.toFixed(1)} seconds`}
    />
  );
}
