import { parseUnits, zeroHash, type Address, type Hex } from 'viem';
import type { AllowlistIssue } from './allowlist-csv';
import type { PhaseInput, PhaseMode, ScheduleIssue } from './schedule';

/**
 * The edition wizard's form state and its pure conversions (app/mint/edition): a phase as typed, turned into the
 * contract's phase, and the transactions that create the edition (a phase priced in an ERC-20 is appended with
 * `addPhaseInCurrency` after `createEdition`, and every phase after it too, since phases are stored in order).
 */
export type PhaseDraft = {
  mode: PhaseMode;
  price: string;
  /** 'native': the chain's currency; 'stablecoin': the deployment's ERC-20 (when it has one). */
  currency: 'native' | 'stablecoin';
  start: string;
  end: string;
  walletCap: string;
  phaseCap: string;
  fileName: string;
  addresses: Address[];
  csvIssues: AllowlistIssue[];
};

/** `YYYY-MM-DDTHH:MM` in local time, for datetime-local inputs. */
export function localInput(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Unix seconds of a datetime-local value; -1 when it is not a time. */
export const toSeconds = (text: string): number => {
  const ms = new Date(text).getTime();
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : -1;
};

/** A whole number typed in a field; -1 when it is not one. */
export const whole = (text: string): number => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : -1);

/** A referral share typed as a percent with up to two decimals, in basis points; -1 when it is not one. */
export const referralBpsOf = (text: string): number =>
  /^\d{1,2}(\.\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text.trim()) * 100) : -1;

export function newPhase(mode: PhaseMode, start: number, end: number): PhaseDraft {
  return {
    mode,
    price: mode === 'allowlist' ? '0.005' : '0.01',
    currency: 'native',
    start: localInput(start),
    end: localInput(end),
    walletCap: mode === 'allowlist' ? '2' : '0',
    phaseCap: '0',
    fileName: '',
    addresses: [],
    csvIssues: [],
  };
}

/** A price typed in a currency of `decimals`, in base units; -1 when it is not one. */
export function priceOf(text: string, decimals: number): bigint {
  try {
    return parseUnits(text.trim() || 'x', decimals);
  } catch {
    return -1n;
  }
}

/** The contract's phase of a draft (the allowlist root given when the draft has a list). */
export function toPhaseInput(
  p: PhaseDraft,
  decimals: { native: number; stablecoin: number },
  root: Hex | null,
): PhaseInput {
  return {
    price: priceOf(p.price, decimals[p.currency]),
    start: toSeconds(p.start),
    end: toSeconds(p.end),
    walletCap: whole(p.walletCap),
    phaseCap: whole(p.phaseCap),
    mode: p.mode,
    merkleRoot: p.mode === 'allowlist' && p.addresses.length > 0 && root ? root : zeroHash,
  };
}

/** The CSV problems of each draft, as schedule issues. */
export function csvIssuesOf(drafts: readonly PhaseDraft[]): ScheduleIssue[] {
  return drafts.flatMap((p, i) =>
    p.csvIssues.map((c) => ({
      phase: i,
      field: 'csv',
      message: c.line > 0 ? `CSV line ${c.line}: ${c.message}` : `CSV: ${c.message}`,
    })),
  );
}

/**
 * How the edition is created: the phases `createEdition` takes (those before the first one priced in the ERC-20), and
 * the phases appended after it in order (`currency` set: `addPhaseInCurrency`, else `addPhase`).
 */
export function creationPlan(
  inputs: readonly PhaseInput[],
  currencies: readonly (Address | null)[],
): { created: PhaseInput[]; appended: { phase: PhaseInput; currency: Address | null }[] } {
  const first = currencies.findIndex((c) => c !== null);
  if (first === -1) return { created: [...inputs], appended: [] };
  return {
    created: inputs.slice(0, first),
    appended: inputs.slice(first).map((phase, i) => ({ phase, currency: currencies[first + i] ?? null })),
  };
}
