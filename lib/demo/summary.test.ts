import { describe, expect, it } from 'vitest';
import { demoSummary, seedSecondsOf } from './summary';
import type { DemoCatalogueResult, DemoChainResult } from './seed-demo';

const done = { mint: 6, list: 4, buy: 1, release: 1, distribute: 1 };
const seeded: DemoChainResult = { kind: 'seeded', tokenIds: {}, done, tracks: 6, ms: 20_000 };
const catalogue: DemoCatalogueResult = { labelId: 'l', labelCreated: true, catalogueAdded: 2, profiles: 7, ms: 340 };

describe('the demo line of npm start', () => {
  it('a fresh seed says what it made and how to skip it, with the seconds the bench reads back', () => {
    const line = demoSummary(seeded, catalogue);
    expect(line).toBe(
      'demo catalogue seeded: 6 demo tracks composed by the shipped models, 3 listed, 1 sold with its royalty distributed, ' +
        'label "Tideline Records (demo)" with 2 tracks; MOTIF_DEMO=off skips it (seed 20.3 s)',
    );
    expect(seedSecondsOf(line)).toBe(20.3);
  });

  it('a finished interrupted seed says how many were minted now', () => {
    const line = demoSummary({ ...seeded, done: { ...done, mint: 2 } }, catalogue);
    expect(line).toContain('6 demo tracks (2 minted now)');
  });

  it('a second start: already in place', () => {
    const none = { mint: 0, list: 0, buy: 0, release: 0, distribute: 0 };
    const line = demoSummary({ ...seeded, done: none, ms: 900 }, { ...catalogue, labelCreated: false, ms: 100 });
    expect(line).toBe('demo catalogue already in place: 6 demo tracks, label "Tideline Records (demo)" (seed 1.0 s)');
  });

  it('skipped: a chain with its own tracks', () => {
    const line = demoSummary({ kind: 'skipped', reason: 'the chain already has 3 tracks of its own', ms: 50 }, null);
    expect(line).toBe(
      'no demo catalogue: the chain already has 3 tracks of its own, so this is not a fresh install (seed 0.1 s)',
    );
    expect(seedSecondsOf('✔ app ready')).toBeNull();
  });
});
