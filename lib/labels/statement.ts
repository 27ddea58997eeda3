import { getAddress, type Hex } from 'viem';
import { trackIdOf } from '../contracts/track-id';

/**
 * Earnings statements from the indexed event log. Pure: the caller loads ChainEvent rows; every row produced here
 * names the event (transaction hash and log index) it comes from, so a statement can be checked against the chain.
 */
export type StoredEvent = {
  contract: string;
  name: string;
  args: Record<string, unknown>;
  blockNumber: bigint;
  txHash: string;
  logIndex: number;
  tokenId: string | null;
};

/** `referral-payout`: the share of an edition's sale credited to the collector's referrer (issue #17). */
export type StatementKind =
  'primary-sale' | 'resale-royalty' | 'distribution' | 'payee-credit' | 'withdrawal' | 'referral-payout';

export type StatementRow = {
  blockNumber: bigint;
  txHash: string;
  logIndex: number;
  kind: StatementKind;
  tokenId: string | null;
  /** The split the money passed through, when it did. */
  split: string | null;
  /** Who is credited (payee, seller's royalty receiver, payout address) or who withdrew. */
  account: string;
  /** 'ETH' or the ERC-20 token address. */
  asset: string;
  amountWei: bigint;
};

export type StatementScope = { tokenIds: ReadonlySet<string>; splits: ReadonlySet<string> };

const ZERO = '0x0000000000000000000000000000000000000000';

const lower = (v: unknown) => String(v ?? '').toLowerCase();
const wei = (v: unknown) => BigInt(String(v ?? '0'));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function byChainOrder(a: StoredEvent, b: StoredEvent): number {
  return a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1;
}

/** The statement rows of the events within `scope`, in chain order. */
export function statementRows(events: readonly StoredEvent[], scope: StatementScope): StatementRow[] {
  const splits = new Set([...scope.splits].map((s) => s.toLowerCase()));
  const payees = new Set<string>();
  const rows: StatementRow[] = [];
  const base = (e: StoredEvent) => ({ blockNumber: e.blockNumber, txHash: e.txHash, logIndex: e.logIndex });
  // Editions (issue #17) whose primary revenue goes to one of the splits, with the 1/1 token of their track.
  const editions = new Map<string, { payout: string; tokenId: string }>();
  const credited = new Map<string, bigint>(); // Editions Credited amounts by transaction and log index
  // Editions CreditedInCurrency (a sale in an ERC-20) by transaction, since that transaction's last Minted: the
  // referrer's share (none when it rounds to 0), then the payout's revenue, both right before their sale's Minted.
  const tokenCredits = new Map<string, StoredEvent[]>();

  for (const e of [...events].sort(byChainOrder)) {
    const a = e.args;
    if (
      e.contract === 'SplitMain' &&
      (e.name === 'SplitCreated' || e.name === 'SplitUpdated') &&
      splits.has(lower(a.split))
    ) {
      for (const account of list(a.accounts)) payees.add(account.toLowerCase());
    } else if (
      e.contract === 'TrackCollection' &&
      (e.name === 'VoucherRedeemed' || e.name === 'VoucherRedeemedInCurrency') &&
      e.tokenId !== null &&
      scope.tokenIds.has(e.tokenId)
    ) {
      // A voucher redeemed in an ERC-20 (issue #20) paid its payout in that token: its row is in the token's asset
      // (its address), never added to the native primary sales.
      rows.push({
        ...base(e),
        kind: 'primary-sale',
        tokenId: e.tokenId,
        split: splits.has(lower(a.payout)) ? String(a.payout) : null,
        account: String(a.payout),
        asset: e.name === 'VoucherRedeemedInCurrency' ? String(a.currency) : 'ETH',
        amountWei: wei(a.price),
      });
    } else if (
      e.contract === 'Market' &&
      e.name === 'Sale' &&
      e.tokenId !== null &&
      scope.tokenIds.has(e.tokenId) &&
      wei(a.royalty) > 0n
    ) {
      rows.push({
        ...base(e),
        kind: 'resale-royalty',
        tokenId: e.tokenId,
        split: splits.has(lower(a.royaltyReceiver)) ? String(a.royaltyReceiver) : null,
        account: String(a.royaltyReceiver),
        asset: 'ETH',
        amountWei: wei(a.royalty),
      });
    } else if (e.contract === 'SplitMain' && e.name === 'Distributed' && splits.has(lower(a.split))) {
      const asset = lower(a.token) === ZERO ? 'ETH' : String(a.token);
      const amount = wei(a.amount);
      rows.push({
        ...base(e),
        kind: 'distribution',
        tokenId: null,
        split: String(a.split),
        account: String(a.split),
        asset,
        amountWei: amount,
      });
      // Each payee's credit as SplitMain recorded it in the event, never recomputed from the nominal shares: a
      // distribution that credited anything else than the shares promise shows up here as it happened.
      const accounts = list(a.accounts);
      const credits = list(a.credits);
      accounts.forEach((account, i) => {
        payees.add(account.toLowerCase());
        rows.push({
          ...base(e),
          kind: 'payee-credit',
          tokenId: null,
          split: String(a.split),
          account,
          asset,
          amountWei: wei(credits[i]),
        });
      });
    } else if (e.contract === 'Editions' && e.name === 'EditionCreated' && splits.has(lower(a.payout))) {
      editions.set(String(a.editionId), {
        payout: String(a.payout),
        tokenId: trackIdOf(getAddress(String(a.creator)), String(a.content) as Hex).toString(),
      });
    } else if (e.contract === 'Editions' && e.name === 'Credited') {
      credited.set(`${e.txHash}:${e.logIndex}`, wei(a.amount));
    } else if (e.contract === 'Editions' && e.name === 'Released' && editions.has(String(a.editionId))) {
      const edition = editions.get(String(a.editionId))!;
      rows.push({
        ...base(e),
        kind: 'primary-sale',
        tokenId: scope.tokenIds.has(edition.tokenId) ? edition.tokenId : null,
        split: edition.payout,
        account: edition.payout,
        asset: 'ETH',
        amountWei: wei(a.amount),
      });
    } else if (e.contract === 'Editions' && e.name === 'CreditedInCurrency') {
      tokenCredits.set(e.txHash, [...(tokenCredits.get(e.txHash) ?? []), e]);
    } else if (e.contract === 'Editions' && e.name === 'Minted') {
      const inToken = tokenCredits.get(e.txHash) ?? [];
      tokenCredits.delete(e.txHash);
      const edition = editions.get(String(a.editionId));
      if (!edition) continue;
      const tokenId = scope.tokenIds.has(edition.tokenId) ? edition.tokenId : null;
      const referred = lower(a.referrer) !== ZERO;
      // The referrer's share is the Credited event emitted just before Minted (none when it rounds to zero).
      const amount = referred ? (credited.get(`${e.txHash}:${e.logIndex - 1}`) ?? 0n) : 0n;
      if (amount > 0n)
        rows.push({
          ...base(e),
          kind: 'referral-payout',
          tokenId,
          split: null,
          account: String(a.referrer),
          asset: 'ETH',
          amountWei: amount,
        });
      // A sale in an ERC-20: its credits are the primary sale (the last, to the payout) and the referral share.
      const revenue = inToken.at(-1);
      const referral = inToken.length > 1 ? inToken.at(-2) : undefined;
      if (referral && referred && lower(referral.args.account) === lower(a.referrer))
        rows.push({
          ...base(referral),
          kind: 'referral-payout',
          tokenId,
          split: null,
          account: String(a.referrer),
          asset: String(referral.args.currency),
          amountWei: wei(referral.args.amount),
        });
      if (revenue && lower(revenue.args.account) === lower(edition.payout))
        rows.push({
          ...base(revenue),
          kind: 'primary-sale',
          tokenId,
          split: edition.payout,
          account: edition.payout,
          asset: String(revenue.args.currency),
          amountWei: wei(revenue.args.amount),
        });
    } else if (e.contract === 'SplitMain' && e.name === 'Withdrawal' && payees.has(lower(a.account))) {
      rows.push({
        ...base(e),
        kind: 'withdrawal',
        tokenId: null,
        split: null,
        account: String(a.account),
        asset: lower(a.token) === ZERO ? 'ETH' : String(a.token),
        amountWei: wei(a.amount),
      });
    }
  }
  return rows;
}

export type EarningsSummary = {
  byTrack: Map<string, { primarySales: bigint; resaleRoyalties: bigint }>;
  byPayee: Map<string, { credited: bigint; withdrawn: bigint }>;
  distributed: bigint;
};

/** Totals per track and per payee (one asset at a time). */
export function summarize(rows: readonly StatementRow[], asset = 'ETH'): EarningsSummary {
  const byTrack = new Map<string, { primarySales: bigint; resaleRoyalties: bigint }>();
  const byPayee = new Map<string, { credited: bigint; withdrawn: bigint }>();
  let distributed = 0n;
  for (const r of rows) {
    if (r.asset !== asset) continue;
    if (r.tokenId !== null) {
      const t = byTrack.get(r.tokenId) ?? { primarySales: 0n, resaleRoyalties: 0n };
      if (r.kind === 'primary-sale') t.primarySales += r.amountWei;
      if (r.kind === 'resale-royalty') t.resaleRoyalties += r.amountWei;
      byTrack.set(r.tokenId, t);
    }
    if (r.kind === 'distribution') distributed += r.amountWei;
    if (r.kind === 'payee-credit' || r.kind === 'withdrawal') {
      const p = byPayee.get(r.account) ?? { credited: 0n, withdrawn: 0n };
      if (r.kind === 'payee-credit') p.credited += r.amountWei;
      else p.withdrawn += r.amountWei;
      byPayee.set(r.account, p);
    }
  }
  return { byTrack, byPayee, distributed };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const STATEMENT_COLUMNS = [
  'block_number',
  'block_time',
  'tx_hash',
  'log_index',
  'kind',
  'token_id',
  'split',
  'account',
  'asset',
  'amount_wei',
] as const;

/**
 * RFC 4180 CSV of the rows; `blockTimes` gives each block's time (ISO 8601 UTC). The asset column names the chain's
 * native currency by its symbol (`nativeSymbol`, e.g. DEGEN) and an ERC-20 by its address; amounts are base units.
 */
export function statementCsv(
  rows: readonly StatementRow[],
  blockTimes: ReadonlyMap<bigint, Date>,
  nativeSymbol: string,
): string {
  const lines = [STATEMENT_COLUMNS.join(',')];
  for (const r of rows) {
    const time = blockTimes.get(r.blockNumber)?.toISOString() ?? '';
    lines.push(
      [
        r.blockNumber.toString(),
        time,
        r.txHash,
        String(r.logIndex),
        r.kind,
        r.tokenId ?? '',
        r.split ?? '',
        r.account,
        r.asset === 'ETH' ? nativeSymbol : r.asset,
        r.amountWei.toString(),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
