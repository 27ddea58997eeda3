import { DEMO_LABEL_NAME, DEMO_TRACKS, type DemoTrackSpec } from './catalogue';
import type { DemoCatalogueResult, DemoChainResult } from './seed-demo';

/** Seconds the seed took, as `npm start` prints it (the bench reads it back: `seedSecondsOf`). */
export function seedSeconds(chain: DemoChainResult, catalogue: DemoCatalogueResult | null): number {
  return Math.round((chain.ms + (catalogue?.ms ?? 0)) / 100) / 10;
}

/** The `✔ demo` line of `npm start`. */
export function demoSummary(
  chain: DemoChainResult,
  catalogue: DemoCatalogueResult | null,
  specs: readonly DemoTrackSpec[] = DEMO_TRACKS,
): string {
  const seconds = `(seed ${seedSeconds(chain, catalogue).toFixed(1)} s)`;
  if (chain.kind === 'skipped') return `no demo catalogue: ${chain.reason}, so this is not a fresh install ${seconds}`;
  const minted = chain.done.mint;
  const nothingNow = Object.values(chain.done).every((n) => n === 0) && !catalogue?.labelCreated;
  const listed = specs.filter((s) => s.listPrice && !s.sold).length;
  const sold = specs.filter((s) => s.sold).length;
  const inLabel = specs.filter((s) => s.inLabel).length;
  const tracks = `${chain.tracks} demo track${chain.tracks === 1 ? '' : 's'}`;
  if (nothingNow) return `demo catalogue already in place: ${tracks}, label "${DEMO_LABEL_NAME}" ${seconds}`;
  return (
    `demo catalogue seeded: ${tracks}${minted < chain.tracks ? ` (${minted} minted now)` : ''} composed by the shipped models, ` +
    `${listed} listed, ${sold} sold with ${sold === 1 ? 'its' : 'their'} royalty distributed, label "${DEMO_LABEL_NAME}" ` +
    `with ${inLabel} tracks; MOTIF_DEMO=off skips it ${seconds}`
  );
}

/** The seed seconds in a `✔ demo` line, or null. */
export function seedSecondsOf(line: string): number | null {
  const m = /\(seed (\d+(?:\.\d+)?) s\)/.exec(line);
  return m ? Number(m[1]) : null;
}
