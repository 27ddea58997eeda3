import { getAddress, type Address, type Hex } from 'viem';
import { trackIdOf } from '../contracts/track-id';
import type { PrismaClient } from '../db/client';
import { PHASE_MODES, type PhaseMode } from './schedule';

/** An edition as pages show it, from the indexed tables (lib/indexer/editions.ts); amounts as decimal strings. */
export type EditionView = {
  editionId: string;
  creator: Address;
  contentDigest: Hex;
  payout: Address;
  maxSupply: number;
  closeAt: number;
  referralBps: number;
  minted: number;
  phases: {
    phase: number;
    mode: PhaseMode;
    priceWei: string;
    start: number;
    end: number;
    walletCap: number;
    phaseCap: number;
    minted: number;
    /** The ERC-20 the phase is priced in (`priceWei` is then in its base units); null: the native currency. */
    currency: Address | null;
  }[];
  /** Newest first: edition numbers, collector, comment (sales) or an airdrop. */
  wall: {
    firstNumber: number;
    quantity: number;
    collector: Address;
    comment: string;
    kind: 'sale' | 'airdrop';
    referrer: Address | null;
    txHash: Hex;
  }[];
};

const modeOf = (n: number): PhaseMode => PHASE_MODES[n] ?? 'public';

/** The editions of a track (its creator's, of its content), newest first, with phases, counts and the wall. */
export async function loadTrackEditions(
  prisma: PrismaClient,
  chainId: number,
  track: { creator: Address; contentDigest: Hex },
  wallSize = 100,
): Promise<EditionView[]> {
  const editions = await prisma.edition.findMany({
    where: { chainId, creator: track.creator, contentDigest: track.contentDigest.toLowerCase() },
    orderBy: { createdBlock: 'desc' },
  });
  return Promise.all(editions.map((e) => loadEdition(prisma, chainId, e, wallSize)));
}

type EditionRow = Awaited<ReturnType<PrismaClient['edition']['findMany']>>[number];

async function loadEdition(
  prisma: PrismaClient,
  chainId: number,
  e: EditionRow,
  wallSize: number,
): Promise<EditionView> {
  const editionId = e.editionId.toFixed();
  // One snapshot for the four reads: read separately, an indexer commit between them showed a collector on the wall
  // beside a count that did not include them yet.
  const [phases, totals, perPhase, wall, currencies] = await prisma.$transaction(
    [
      prisma.editionPhase.findMany({ where: { chainId, editionId }, orderBy: { phase: 'asc' } }),
      prisma.editionMint.aggregate({ where: { chainId, editionId }, _sum: { quantity: true } }),
      prisma.editionMint.groupBy({
        by: ['phase'],
        where: { chainId, editionId, kind: 'sale' },
        orderBy: { phase: 'asc' },
        _sum: { quantity: true },
      }),
      prisma.editionMint.findMany({ where: { chainId, editionId }, orderBy: { firstNumber: 'desc' }, take: wallSize }),
      prisma.editionPhaseCurrency.findMany({ where: { chainId, editionId } }),
    ],
    { isolationLevel: 'RepeatableRead' },
  );
  const soldIn = new Map(perPhase.map((p) => [p.phase, p._sum?.quantity ?? 0]));
  const currencyOf = new Map(currencies.map((c) => [c.phase, getAddress(c.currency)]));
  return {
    editionId,
    creator: e.creator as Address,
    contentDigest: e.contentDigest as Hex,
    payout: e.payout as Address,
    maxSupply: e.maxSupply,
    closeAt: Number(e.closeAt),
    referralBps: e.referralBps,
    minted: totals._sum.quantity ?? 0,
    phases: phases.map((p) => ({
      phase: p.phase,
      mode: modeOf(p.mode),
      priceWei: p.priceWei.toFixed(),
      start: Number(p.start),
      end: Number(p.end),
      walletCap: p.walletCap,
      phaseCap: p.phaseCap,
      minted: soldIn.get(p.phase) ?? 0,
      currency: currencyOf.get(p.phase) ?? null,
    })),
    wall: wall.map((m) => ({
      firstNumber: m.firstNumber,
      quantity: m.quantity,
      collector: m.collector as Address,
      comment: m.comment,
      kind: m.kind === 'airdrop' ? 'airdrop' : 'sale',
      referrer: (m.referrer as Address | null) ?? null,
      txHash: m.txHash as Hex,
    })),
  };
}

/** The edition copies an account collected (minted to it), newest first, with the track each edition sells: for profiles. */
export async function loadCollectedCopies(
  prisma: PrismaClient,
  chainId: number,
  collector: Address,
): Promise<{ editionId: string; trackTokenId: string; numbers: number[]; comment: string }[]> {
  const rows = await prisma.editionMint.findMany({
    where: { chainId, collector },
    orderBy: [{ blockNumber: 'desc' }, { logIndex: 'desc' }],
    take: 500,
  });
  const editions = await prisma.edition.findMany({
    where: { chainId, editionId: { in: [...new Set(rows.map((r) => r.editionId.toFixed()))] } },
  });
  const track = new Map(
    editions.map((e) => [e.editionId.toFixed(), trackIdOf(e.creator as Address, e.contentDigest as Hex).toString()]),
  );
  return rows.map((m) => ({
    editionId: m.editionId.toFixed(),
    trackTokenId: track.get(m.editionId.toFixed()) ?? '',
    numbers: Array.from({ length: m.quantity }, (_, i) => m.firstNumber + i),
    comment: m.comment,
  }));
}

export type EditionListing = {
  editionId: string;
  trackTokenId: string;
  title: string | null;
  creator: Address;
  minted: number;
  maxSupply: number;
  phase: { mode: PhaseMode; priceWei: string; end: number } | null;
};

/**
 * Editions for the gallery's editions view, newest first; `collectableNow` keeps those with a phase selling at `now`
 * (unix seconds, the chain's time), not sold out and not closed.
 */
export async function listEditions(
  prisma: PrismaClient,
  chainId: number,
  options: { collectableNow: boolean; now: number; take?: number },
): Promise<EditionListing[]> {
  const now = BigInt(options.now);
  const editions = await prisma.edition.findMany({
    where: { chainId, ...(options.collectableNow ? { OR: [{ closeAt: 0n }, { closeAt: { gt: now } }] } : {}) },
    orderBy: { createdBlock: 'desc' },
    take: options.take ?? 60,
  });
  const ids = editions.map((e) => e.editionId.toFixed());
  const [phases, counts] = await Promise.all([
    prisma.editionPhase.findMany({ where: { chainId, editionId: { in: ids }, start: { lte: now }, end: { gt: now } } }),
    prisma.editionMint.groupBy({
      by: ['editionId'],
      where: { chainId, editionId: { in: ids } },
      _sum: { quantity: true },
    }),
  ]);
  const tracks = await prisma.track.findMany({
    where: {
      chainId,
      tokenId: { in: editions.map((e) => trackIdOf(e.creator as Address, e.contentDigest as Hex).toString()) },
    },
    select: { tokenId: true, title: true },
  });
  const titles = new Map(tracks.map((t) => [t.tokenId.toFixed(), t.title]));
  const open = new Map(phases.map((p) => [p.editionId.toFixed(), p]));
  const minted = new Map(counts.map((c) => [c.editionId.toFixed(), c._sum.quantity ?? 0]));
  const list = editions.map((e): EditionListing => {
    const id = e.editionId.toFixed();
    const p = open.get(id);
    const trackTokenId = trackIdOf(e.creator as Address, e.contentDigest as Hex).toString();
    return {
      editionId: id,
      trackTokenId,
      title: titles.get(trackTokenId) ?? null,
      creator: e.creator as Address,
      minted: minted.get(id) ?? 0,
      maxSupply: e.maxSupply,
      phase: p ? { mode: modeOf(p.mode), priceWei: p.priceWei.toFixed(), end: Number(p.end) } : null,
    };
  });
  return options.collectableNow
    ? list.filter((e) => e.phase !== null && (e.maxSupply === 0 || e.minted < e.maxSupply))
    : list;
}

/**
 * Primary sales and referral payouts an account received (decimal strings): `primaryWei` and `referralWei` in the
 * native currency (Released, and the Credited share of a native sale), `tokens` per ERC-20 from the credits of sales
 * priced in a token (CreditedInCurrency, in the token's base units), only tokens with some. For earnings and statements.
 */
export async function loadEditionEarnings(
  prisma: PrismaClient,
  chainId: number,
  account: Address,
): Promise<{
  primaryWei: string;
  referralWei: string;
  tokens: { currency: string; primary: string; referral: string }[];
}> {
  const [released, referred, inTokens] = await Promise.all([
    prisma.editionRelease.aggregate({ where: { chainId, payout: account }, _sum: { amountWei: true } }),
    prisma.editionMint.aggregate({ where: { chainId, referrer: account }, _sum: { referralWei: true } }),
    prisma.editionCurrencyCredit.groupBy({
      by: ['currency', 'kind'],
      where: { chainId, account },
      _sum: { amount: true },
      orderBy: [{ currency: 'asc' }, { kind: 'asc' }],
    }),
  ]);
  const tokens = new Map<string, { currency: string; primary: string; referral: string }>();
  for (const row of inTokens) {
    const t = tokens.get(row.currency) ?? { currency: row.currency, primary: '0', referral: '0' };
    const amount = row._sum.amount?.toFixed() ?? '0';
    if (row.kind === 'referral') t.referral = amount;
    else t.primary = (BigInt(t.primary) + BigInt(amount)).toString();
    tokens.set(row.currency, t);
  }
  return {
    primaryWei: released._sum.amountWei?.toFixed() ?? '0',
    referralWei: referred._sum.referralWei?.toFixed() ?? '0',
    tokens: [...tokens.values()],
  };
}
