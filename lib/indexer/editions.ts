import { getAddress, zeroAddress } from 'viem';
import { z } from 'zod';
import type { Prisma } from '../db/generated/client';
import type { DecodedEvent } from './decode-logs';

/**
 * The Editions contract's events (issue #17) projected into Edition, EditionPhase, EditionMint, EditionRelease,
 * EditionPhaseCurrency and EditionCurrencyCredit.
 * Every row comes from one event, is keyed by it (chain, tx hash, log index) and keeps its block: writing a batch
 * again changes nothing (skipDuplicates), and a reorg deletes the rows above the fork point (rollbackEditions).
 */

const uint = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform((v) => BigInt(v));
const small = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform((v) => Number(v));
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/)
  .transform((v) => getAddress(v));
const bytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/);

const createdArgs = z.object({
  editionId: uint,
  creator: address,
  content: bytes32,
  init: z.object({
    manifest: bytes32,
    licence: small,
    royaltyReceiver: address,
    royaltyBps: small,
    maxSupply: small,
    closeAt: uint,
    referralBps: small,
  }),
  payout: address,
});
const phaseArgs = z.object({
  editionId: uint,
  phase: small,
  price: uint,
  start: uint,
  end: uint,
  walletCap: small,
  phaseCap: small,
  mode: small,
  merkleRoot: bytes32,
});
const mintedArgs = z.object({
  editionId: uint,
  to: address,
  phase: small,
  firstNumber: small,
  quantity: small,
  paid: uint,
  referrer: address,
  comment: z.string(),
});
const creditedArgs = z.object({ account: address, amount: uint });
const airdroppedArgs = z.object({ editionId: uint, firstNumber: small, count: small, quantityEach: small });
const transferArgs = z.object({ from: address, to: address, id: uint });
const releasedArgs = z.object({ editionId: uint, payout: address, amount: uint });
const phaseCurrencyArgs = z.object({ editionId: uint, phase: small, currency: address });
const creditedInCurrencyArgs = z.object({ account: address, currency: address, amount: uint });

export type EditionRows = {
  editions: Prisma.EditionCreateManyInput[];
  phases: Prisma.EditionPhaseCreateManyInput[];
  mints: Prisma.EditionMintCreateManyInput[];
  releases: Prisma.EditionReleaseCreateManyInput[];
  /** The ERC-20 of each phase priced in one (PhaseCurrencySet); other phases are priced in the native currency. */
  currencies: Prisma.EditionPhaseCurrencyCreateManyInput[];
  /** Credits in an ERC-20 (CreditedInCurrency): a token sale's referral share and revenue. */
  tokenCredits: Prisma.EditionCurrencyCreditCreateManyInput[];
};

/** The rows of a batch's Editions events (pure). A transaction's logs are always in one batch (whole blocks). */
export function editionRowsOf(chainId: number, events: readonly DecodedEvent[]): EditionRows {
  const rows: EditionRows = { editions: [], phases: [], mints: [], releases: [], currencies: [], tokenCredits: [] };
  const ours = events.filter((e) => e.contract === 'Editions');
  const inTx = (e: DecodedEvent) => ours.filter((o) => o.txHash === e.txHash);
  for (const e of ours) {
    const at = { chainId, blockNumber: e.blockNumber };
    if (e.name === 'EditionCreated') {
      const a = createdArgs.parse(e.args);
      rows.editions.push({
        chainId,
        editionId: a.editionId.toString(),
        creator: a.creator,
        contentDigest: a.content,
        manifestDigest: a.init.manifest,
        licence: a.init.licence,
        royaltyReceiver: a.init.royaltyReceiver,
        royaltyBps: a.init.royaltyBps,
        payout: a.payout,
        maxSupply: a.init.maxSupply,
        closeAt: a.init.closeAt,
        referralBps: a.init.referralBps,
        createdBlock: e.blockNumber,
        createdTx: e.txHash,
      });
    } else if (e.name === 'PhaseAdded') {
      const a = phaseArgs.parse(e.args);
      rows.phases.push({
        ...at,
        editionId: a.editionId.toString(),
        phase: a.phase,
        priceWei: a.price.toString(),
        start: a.start,
        end: a.end,
        walletCap: a.walletCap,
        phaseCap: a.phaseCap,
        mode: a.mode,
        merkleRoot: a.merkleRoot,
      });
    } else if (e.name === 'Minted') {
      const a = mintedArgs.parse(e.args);
      const referred = a.referrer !== zeroAddress;
      // _charge emits the referrer's Credited right before Minted (none when the share rounds to 0).
      const credit = referred ? inTx(e).find((c) => c.name === 'Credited' && c.logIndex === e.logIndex - 1) : undefined;
      const credited = credit ? creditedArgs.parse(credit.args) : undefined;
      rows.mints.push({
        ...at,
        txHash: e.txHash,
        logIndex: e.logIndex,
        recipient: 0,
        editionId: a.editionId.toString(),
        kind: 'sale',
        phase: a.phase,
        collector: a.to,
        firstNumber: a.firstNumber,
        quantity: a.quantity,
        paidWei: a.paid.toString(),
        referrer: referred ? a.referrer : null,
        referralWei: credited && credited.account === a.referrer ? credited.amount.toString() : '0',
        comment: a.comment,
      });
    } else if (e.name === 'Airdropped') {
      const a = airdroppedArgs.parse(e.args);
      // The recipients are in the copies' Transfer events (from zero), which follow in the same transaction.
      const owners = new Map<bigint, string>();
      for (const t of inTx(e)) {
        if (t.name !== 'Transfer' || t.logIndex < e.logIndex) continue;
        const ta = transferArgs.parse(t.args);
        if (ta.from === zeroAddress) owners.set(ta.id, ta.to);
      }
      for (let i = 0; i < a.count; i++) {
        const firstNumber = a.firstNumber + i * a.quantityEach;
        const collector = owners.get(a.editionId | BigInt(firstNumber));
        if (!collector) throw new Error(`Airdropped in ${e.txHash} without the Transfer of copy ${firstNumber}`);
        rows.mints.push({
          ...at,
          txHash: e.txHash,
          logIndex: e.logIndex,
          recipient: i,
          editionId: a.editionId.toString(),
          kind: 'airdrop',
          phase: null,
          collector,
          firstNumber,
          quantity: a.quantityEach,
          paidWei: '0',
          referrer: null,
          referralWei: '0',
          comment: '',
        });
      }
    } else if (e.name === 'PhaseCurrencySet') {
      const a = phaseCurrencyArgs.parse(e.args);
      rows.currencies.push({ ...at, editionId: a.editionId.toString(), phase: a.phase, currency: a.currency });
    } else if (e.name === 'CreditedInCurrency') {
      const a = creditedInCurrencyArgs.parse(e.args);
      const { editionId, kind } = tokenCreditKind(inTx(e), e, a.account);
      rows.tokenCredits.push({
        ...at,
        txHash: e.txHash,
        logIndex: e.logIndex,
        editionId: editionId?.toString() ?? null,
        kind,
        account: a.account,
        currency: a.currency,
        amount: a.amount.toString(),
      });
    } else if (e.name === 'Released') {
      const a = releasedArgs.parse(e.args);
      rows.releases.push({
        ...at,
        txHash: e.txHash,
        logIndex: e.logIndex,
        editionId: a.editionId.toString(),
        payout: a.payout,
        amountWei: a.amount.toString(),
      });
    }
  }
  return rows;
}

/**
 * What a CreditedInCurrency is, from the sale it belongs to: `_chargeInCurrency` credits the referrer's share (none
 * when it rounds to 0) then the payout's revenue (never 0: the referral share is capped at 20%), right before that
 * sale's Minted in the same transaction. So among the credits between the previous Minted and this sale's, the last is
 * the revenue and one before it, to the sale's referrer, the referral share. A credit with no sale after it (not
 * emitted by this contract version) is kept as 'credit' with no edition.
 */
function tokenCreditKind(
  tx: readonly DecodedEvent[],
  credit: DecodedEvent,
  account: string,
): { editionId: bigint | null; kind: 'referral' | 'revenue' | 'credit' } {
  const sale = tx.find((o) => o.name === 'Minted' && o.logIndex > credit.logIndex);
  if (!sale) return { editionId: null, kind: 'credit' };
  const a = mintedArgs.parse(sale.args);
  const laterCredit = tx.some(
    (o) => o.name === 'CreditedInCurrency' && o.logIndex > credit.logIndex && o.logIndex < sale.logIndex,
  );
  const referral = laterCredit && a.referrer !== zeroAddress && account === a.referrer;
  return { editionId: a.editionId, kind: referral ? 'referral' : 'revenue' };
}

/** Writes a batch's edition rows in the indexer's transaction; rows already there are kept as they are. */
export async function writeEditionRows(
  tx: Prisma.TransactionClient,
  chainId: number,
  events: readonly DecodedEvent[],
): Promise<void> {
  const rows = editionRowsOf(chainId, events);
  if (rows.editions.length > 0) await tx.edition.createMany({ data: rows.editions, skipDuplicates: true });
  if (rows.phases.length > 0) await tx.editionPhase.createMany({ data: rows.phases, skipDuplicates: true });
  if (rows.mints.length > 0) await tx.editionMint.createMany({ data: rows.mints, skipDuplicates: true });
  if (rows.releases.length > 0) await tx.editionRelease.createMany({ data: rows.releases, skipDuplicates: true });
  if (rows.currencies.length > 0)
    await tx.editionPhaseCurrency.createMany({ data: rows.currencies, skipDuplicates: true });
  if (rows.tokenCredits.length > 0)
    await tx.editionCurrencyCredit.createMany({ data: rows.tokenCredits, skipDuplicates: true });
}

/** Deletes the edition rows written from blocks above `ancestor` (a reorg's fork point). */
export async function rollbackEditions(tx: Prisma.TransactionClient, chainId: number, ancestor: bigint): Promise<void> {
  await tx.edition.deleteMany({ where: { chainId, createdBlock: { gt: ancestor } } });
  await tx.editionPhase.deleteMany({ where: { chainId, blockNumber: { gt: ancestor } } });
  await tx.editionMint.deleteMany({ where: { chainId, blockNumber: { gt: ancestor } } });
  await tx.editionRelease.deleteMany({ where: { chainId, blockNumber: { gt: ancestor } } });
  await tx.editionPhaseCurrency.deleteMany({ where: { chainId, blockNumber: { gt: ancestor } } });
  await tx.editionCurrencyCredit.deleteMany({ where: { chainId, blockNumber: { gt: ancestor } } });
}
