import { getAddress, zeroAddress, type Address, type Hex } from 'viem';
import { trackIdOf } from '../contracts/track-id';
import type { PrismaClient } from '../db/client';
import { motifEventOf } from '../indexer/decode-logs';
import { editionOfToken } from './edition-id';
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

/**
 * The edition copies an account holds now, newest first, with the track each edition sells: for profiles. Ownership
 * follows the copies' ERC-721 Transfer events (a copy sent on shows on the new holder's profile, not the old one's):
 * copies still with their minter are grouped by their sale or airdrop (with its comment), copies received from another
 * holder by the transfer that brought them (no comment: the comment was the minter's).
 */
export async function loadCollectedCopies(
  prisma: PrismaClient,
  chainId: number,
  collector: Address,
): Promise<{ editionId: string; trackTokenId: string; numbers: number[]; comment: string }[]> {
  const holder = getAddress(collector);
  const transfers = { chainId, contract: 'Editions', name: 'Transfer' };
  const received = await prisma.chainEvent.findMany({
    where: { ...transfers, args: { path: ['to'], equals: holder } },
    select: { contract: true, name: true, args: true },
  });
  const ids = [...new Set(received.flatMap((r) => copyTransferOf(r)?.id ?? []))];
  if (ids.length === 0) return [];
  // Every transfer of those copies, in chain order: the last one names the holder now.
  const history = await prisma.chainEvent.findMany({
    where: { ...transfers, OR: ids.map((id) => ({ args: { path: ['id'], equals: id } })) },
    orderBy: [{ blockNumber: 'asc' }, { logIndex: 'asc' }],
    select: { contract: true, name: true, args: true, txHash: true, blockNumber: true, logIndex: true },
  });
  const last = new Map<string, { from: string; to: string; txHash: string; blockNumber: bigint; logIndex: number }>();
  for (const row of history) {
    const t = copyTransferOf(row);
    if (t) last.set(t.id, { ...t, txHash: row.txHash, blockNumber: row.blockNumber, logIndex: row.logIndex });
  }
  const held = ids.flatMap((id) => {
    const t = last.get(id);
    return t && t.to === holder ? [{ ...editionOfToken(BigInt(id)), ...t }] : [];
  });
  if (held.length === 0) return [];
  const editionIds = [...new Set(held.map((h) => h.editionId.toString()))];
  const [mints, editions] = await Promise.all([
    prisma.editionMint.findMany({ where: { chainId, collector: holder, editionId: { in: editionIds } } }),
    prisma.edition.findMany({ where: { chainId, editionId: { in: editionIds } } }),
  ]);
  const track = new Map(
    editions.map((e) => [e.editionId.toFixed(), trackIdOf(e.creator as Address, e.contentDigest as Hex).toString()]),
  );
  type Group = { editionId: string; numbers: number[]; comment: string; blockNumber: bigint; logIndex: number };
  const groups = new Map<string, Group>();
  for (const h of held) {
    const editionId = h.editionId.toString();
    const minted =
      h.from === zeroAddress
        ? mints.find(
            (m) =>
              m.editionId.toFixed() === editionId && m.firstNumber <= h.number && h.number < m.firstNumber + m.quantity,
          )
        : undefined;
    const key = minted
      ? `mint:${minted.txHash}:${minted.logIndex}:${minted.recipient}`
      : `transfer:${editionId}:${h.txHash}`;
    const group = groups.get(key) ?? {
      editionId,
      numbers: [],
      comment: minted?.comment ?? '',
      blockNumber: minted?.blockNumber ?? h.blockNumber,
      logIndex: minted?.logIndex ?? h.logIndex,
    };
    group.numbers.push(h.number);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) =>
      a.blockNumber === b.blockNumber ? b.logIndex - a.logIndex : a.blockNumber < b.blockNumber ? 1 : -1,
    )
    .slice(0, 500)
    .map((g) => ({
      editionId: g.editionId,
      trackTokenId: track.get(g.editionId) ?? '',
      numbers: g.numbers.sort((a, b) => a - b),
      comment: g.comment,
    }));
}

/** A stored Editions Transfer (a copy's move; from the zero address when minted), checked against the ABI. */
function copyTransferOf(row: { contract: string; name: string; args: unknown }) {
  const e = motifEventOf(row);
  return e?.contract === 'Editions' && e.name === 'Transfer'
    ? { id: e.args.id, from: e.args.from, to: e.args.to }
    : null;
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
