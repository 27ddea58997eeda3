import { zeroHash } from 'viem';
import { describe, expect, it } from 'vitest';
import { activePhase, nextPhase, validateSchedule, type PhaseInput } from './schedule';

const phase = (start: number, end: number, extra: Partial<PhaseInput> = {}): PhaseInput => ({
  price: 10n,
  start,
  end,
  walletCap: 0,
  phaseCap: 0,
  mode: 'public',
  merkleRoot: zeroHash,
  ...extra,
});
const terms = { maxSupply: 100, closeAt: 0, referralBps: 500, royaltyBps: 1000 };
const root = `0x${'11'.repeat(32)}` as const;

describe('validateSchedule', () => {
  it('accepts a presale then a public sale that starts when it ends', () => {
    expect(
      validateSchedule(terms, [phase(100, 200, { mode: 'allowlist', merkleRoot: root }), phase(200, 300)]),
    ).toEqual([]);
  });

  it('refuses overlapping phases, empty ranges, allowlists without roots, roots on public phases', () => {
    const issues = validateSchedule(terms, [
      phase(100, 200, { mode: 'allowlist' }),
      phase(150, 300, { merkleRoot: root }),
      phase(400, 400),
    ]);
    expect(issues).toEqual([
      { phase: 0, field: 'merkleRoot', message: expect.stringMatching(/needs its list/) },
      { phase: 1, field: 'start', message: expect.stringMatching(/may not overlap/) },
      { phase: 1, field: 'merkleRoot', message: expect.stringMatching(/only allowlist phases/) },
      { phase: 2, field: 'end', message: expect.stringMatching(/end after it starts/) },
    ]);
  });

  it('refuses terms the contract refuses: open edition without end, referral over 20%, royalty over 50%, over 8 phases, phase cap above supply', () => {
    const many = Array.from({ length: 9 }, (_, i) => phase(i * 10, i * 10 + 10));
    const fields = validateSchedule({ maxSupply: 0, closeAt: 0, referralBps: 2001, royaltyBps: 5001 }, many).map(
      (i) => i.field,
    );
    expect(fields).toEqual(['closeAt', 'referralBps', 'royaltyBps', 'phases']);
    expect(validateSchedule(terms, [phase(1, 2, { phaseCap: 101 })])[0]?.field).toBe('phaseCap');
  });

  it('warns about phases already over or after the edition closes', () => {
    const issues = validateSchedule({ ...terms, closeAt: 250 }, [phase(100, 200), phase(300, 400)], 210);
    expect(issues.map((i) => [i.phase, i.field])).toEqual([
      [0, 'end'],
      [1, 'start'],
    ]);
  });
});

describe('activePhase / nextPhase', () => {
  it('finds the phase selling at a time ([start, end)) and the next one', () => {
    const phases = [phase(100, 200), phase(200, 300), phase(500, 600)];
    expect([
      activePhase(phases, 99),
      activePhase(phases, 100),
      activePhase(phases, 200),
      activePhase(phases, 300),
    ]).toEqual([null, 0, 1, null]);
    expect([nextPhase(phases, 99), nextPhase(phases, 250), nextPhase(phases, 600)]).toEqual([0, 2, null]);
  });
});
