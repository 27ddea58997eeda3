/**
 * The cover of a track: a piano roll of its notes as SVG (pure; Node and browser). Lives with the other files a
 * composition is exported to (WAV, MIDI), below both the track folder (lib/tracks, which draws it at pin) and
 * provenance (lib/provenance/verify-track.ts, which redraws it to check cover.svg).
 */
/** A quantized note as drawn on the cover (lib/generation/notes QuantizedNote without velocity). */
export type CoverNote = { pitch: number; quantizedStartStep: number; quantizedEndStep: number };

export type CoverOptions = {
  width?: number;
  height?: number;
  title?: string;
  /** Steps between bar lines: 16 (4/4, the default), 12 for 3/4 and 6/8 (`midiBarSteps` of the MIDI file). */
  barSteps?: number;
};

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

/** Number as SVG text: at most 2 decimals, no trailing zeros, never "-0" (so the output is byte-stable). */
function n(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * Draws a piano roll of `notes` as an SVG: time on x, pitch on y (high notes at the top), one rounded bar per note,
 * coloured by pitch class; black-key rows are shaded. Deterministic: the same notes (in any order) and options give
 * the same bytes, so the cover's CID follows from the notes.
 */
export function coverSvg(notes: readonly CoverNote[], options: CoverOptions = {}): string {
  const width = options.width ?? 1000;
  const height = options.height ?? 1000;
  const sorted = [...notes].sort(
    (a, b) =>
      a.quantizedStartStep - b.quantizedStartStep || a.pitch - b.pitch || a.quantizedEndStep - b.quantizedEndStep,
  );
  const pitches = sorted.map((x) => x.pitch);
  const low = pitches.length ? Math.min(...pitches) - 2 : 58;
  const high = pitches.length ? Math.max(...pitches) + 2 : 72;
  const steps = Math.max(16, ...sorted.map((x) => x.quantizedEndStep));
  const pad = 40;
  const rows = high - low + 1;
  const rowH = (height - 2 * pad) / rows;
  const stepW = (width - 2 * pad) / steps;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(options.title ? `Piano roll of ${options.title}` : 'Piano roll')}">`,
    `<rect width="${width}" height="${height}" fill="#0f1020"/>`,
  ];
  for (let p = low; p <= high; p++) {
    if ([1, 3, 6, 8, 10].includes(((p % 12) + 12) % 12)) {
      parts.push(
        `<rect x="${pad}" y="${n(pad + (high - p) * rowH)}" width="${width - 2 * pad}" height="${n(rowH)}" fill="#171933"/>`,
      );
    }
  }
  for (let s = 0; s <= steps; s += options.barSteps ?? 16) {
    parts.push(
      `<line x1="${n(pad + s * stepW)}" y1="${pad}" x2="${n(pad + s * stepW)}" y2="${height - pad}" stroke="#2a2d55" stroke-width="1"/>`,
    );
  }
  for (const note of sorted) {
    const hue = ((((note.pitch % 12) + 12) % 12) * 30 + 200) % 360;
    const x = pad + note.quantizedStartStep * stepW;
    const w = Math.max(1, (note.quantizedEndStep - note.quantizedStartStep) * stepW - 1);
    const y = pad + (high - note.pitch) * rowH;
    parts.push(
      `<rect x="${n(x)}" y="${n(y + 1)}" width="${n(w)}" height="${n(Math.max(1, rowH - 2))}" rx="${n(Math.min(4, rowH / 3))}" fill="hsl(${hue} 80% 62%)"/>`,
    );
  }
  if (options.title)
    parts.push(
      `<text x="${pad}" y="${height - 12}" font-family="sans-serif" font-size="20" fill="#e6e6f0">${escapeXml(options.title)}</text>`,
    );
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** `coverSvg` as UTF-8 bytes. */
export function coverSvgBytes(notes: readonly CoverNote[], options?: CoverOptions): Uint8Array {
  return new TextEncoder().encode(coverSvg(notes, options));
}
