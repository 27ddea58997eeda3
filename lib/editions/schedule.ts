import { zeroHash, type Hex } from 'viem';

/**
 * Sale phases and edition terms as contracts/Editions.sol accepts them, checked before any transaction so the
 * wizard can show every problem at once. The contract stays the authority (it checks the same rules again).
 */
export const PHASE_MODES = ['public', 'allowlist', 'signature'] as const;
export type PhaseMode = (typeof PHASE_MODES)[number];
export const MODE_IDS: Record<PhaseMode, number> = { public: 0, allowlist: 1, signature: 2 };
export const MAX_PHASES = 8;
export const MAX_REFERRAL_BPS = 2000;
export const MAX_ROYALTY_BPS = 5000;
export const MAX_COMMENT_BYTES = 280;
const UINT96_MAX = (1n << 96n) - 1n;
const UINT40_MAX = 2 ** 40 - 1;
const UINT32_MAX = 2 ** 32 - 1;
const UINT24_MAX = 2 ** 24 - 1;

/** A phase as the creator sets it; times are unix seconds, `end` exclusive. */
export type PhaseInput = {
  price: bigint;
  start: number;
  end: number;
  /** Most copies one paying wallet mints in this phase; 0 = no cap. */
  walletCap: number;
  /** Most copies this phase sells; 0 = no cap. */
  phaseCap: number;
  mode: PhaseMode;
  /** Required for allowlist phases, zero otherwise. */
  merkleRoot: Hex;
};

/** The contract's `PhaseInit` tuple. */
export type PhaseInit = {
  price: bigint;
  start: number;
  end: number;
  walletCap: number;
  phaseCap: number;
  mode: number;
  merkleRoot: Hex;
};

export type EditionTermsInput = {
  /** 0 = an open edition (needs `closeAt`). */
  maxSupply: number;
  /** Unix seconds; 0 = never (only with a `maxSupply`). */
  closeAt: number;
  referralBps: number;
  royaltyBps: number;
};

export type ScheduleIssue = { phase: number | null; field: string; message: string };

export function toPhaseInit(p: PhaseInput): PhaseInit {
  return {
    price: p.price,
    start: p.start,
    end: p.end,
    walletCap: p.walletCap,
    phaseCap: p.phaseCap,
    mode: MODE_IDS[p.mode],
    merkleRoot: p.merkleRoot,
  };
}

const isUint = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max;

/**
 * Every problem with an edition's terms and phases (empty: the contract accepts them). Phases must be in time
 * order and never overlap (each starts at or after the end of the one before), as the contract requires; `now`
 * adds the warnings a creator needs (a phase already over, a phase after the edition closes).
 */
export function validateSchedule(
  terms: EditionTermsInput,
  phases: readonly PhaseInput[],
  now?: number,
): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const edition = (field: string, message: string) => issues.push({ phase: null, field, message });
  if (!isUint(terms.maxSupply, UINT32_MAX))
    edition('maxSupply', 'the supply cap must be a whole number of copies (0 = open edition)');
  if (!isUint(terms.closeAt, UINT40_MAX)) edition('closeAt', 'the closing time is not a valid time');
  if (terms.maxSupply === 0 && terms.closeAt === 0)
    edition('closeAt', 'an open edition (no supply cap) needs a closing time');
  if (!isUint(terms.referralBps, MAX_REFERRAL_BPS))
    edition('referralBps', `the referral share is at most ${MAX_REFERRAL_BPS / 100}%`);
  if (!isUint(terms.royaltyBps, MAX_ROYALTY_BPS))
    edition('royaltyBps', `the royalty is at most ${MAX_ROYALTY_BPS / 100}%`);
  if (phases.length > MAX_PHASES) edition('phases', `at most ${MAX_PHASES} phases`);
  if (phases.length === 0) edition('phases', 'add at least one sale phase');
  let previousEnd = 0;
  phases.forEach((p, i) => {
    const at = (field: string, message: string) => issues.push({ phase: i, field, message });
    if (p.price < 0n || p.price > UINT96_MAX) at('price', 'the price is out of range');
    if (!isUint(p.start, UINT40_MAX)) at('start', 'the start is not a valid time');
    if (!isUint(p.end, UINT40_MAX)) at('end', 'the end is not a valid time');
    else if (p.end <= p.start) at('end', 'the phase must end after it starts');
    if (p.start < previousEnd) at('start', `phase ${i + 1} starts before phase ${i} ends: phases may not overlap`);
    if (!isUint(p.walletCap, UINT24_MAX)) at('walletCap', 'the per-wallet cap must be a whole number (0 = none)');
    if (!isUint(p.phaseCap, UINT24_MAX)) at('phaseCap', 'the phase cap must be a whole number (0 = none)');
    if (terms.maxSupply > 0 && p.phaseCap > terms.maxSupply)
      at('phaseCap', `the phase cap exceeds the edition's ${terms.maxSupply} copies`);
    if (p.mode === 'allowlist' && p.merkleRoot === zeroHash)
      at('merkleRoot', 'an allowlist phase needs its list (upload a CSV)');
    if (p.mode !== 'allowlist' && p.merkleRoot !== zeroHash)
      at('merkleRoot', 'only allowlist phases carry a merkle root');
    if (terms.closeAt > 0 && p.start >= terms.closeAt) at('start', 'the phase starts after the edition closes');
    if (now !== undefined && p.end <= now) at('end', 'the phase is already over');
    previousEnd = Math.max(previousEnd, p.end);
  });
  return issues;
}

/** The phase selling at `now` (index), or null; phases never overlap, so there is at most one. */
export function activePhase<P extends { start: number; end: number }>(
  phases: readonly P[],
  now: number,
): number | null {
  const i = phases.findIndex((p) => p.start <= now && now < p.end);
  return i === -1 ? null : i;
}

/** The next phase to start after `now` (index), or null. */
export function nextPhase<P extends { start: number }>(phases: readonly P[], now: number): number | null {
  const i = phases.findIndex((p) => p.start > now);
  return i === -1 ? null : i;
}
