import 'server-only';
import { getAddress, type Address } from 'viem';
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { formatAmount, type Currency } from '../format/amount';
import { shortHex } from '../format/short-hex';
import { motifEventOf } from '../indexer/decode-logs';
import { peopleOf } from '../profiles/display-names';

export type NotificationKind = 'offer' | 'sale' | 'royalty' | 'distribution' | 'editionMint';

/** One thing that happened to the account's tracks or money, from the indexed events, newest first. */
export type Notification = {
  /** `txHash:logIndex`: the event it came from. */
  id: string;
  kind: NotificationKind;
  /** One line for people, amounts in the chain's currency. */
  text: string;
  /** Where to look: the track's page, or /money for money. */
  href: string;
  /** The other person in it (the buyer, the collector), named in the text by display name; null when none. */
  person: Address | null;
  /** That person's uploaded avatar URL (null: the generated one). */
  avatar: string | null;
  blockNumber: string;
  logIndex: number;
  unread: boolean;
};

export type NotificationsView = { items: Notification[]; unread: number };

/** Where the account has read up to: every event at or before it is read. */
export type ReadMark = { blockNumber: bigint; logIndex: number };

export const NOTIFICATIONS_LIMIT = 20;

type Db = Pick<PrismaClient, 'chainEvent' | 'track' | 'edition' | 'notificationRead' | 'profile' | 'profileAvatar'>;

/** The four event queries whose rows notify `account` (what the bell lists, and counts when unread). */
async function sources(prisma: Db, chainId: number, account: Address): Promise<Prisma.ChainEventWhereInput[]> {
  const [owned, editions] = await Promise.all([
    prisma.track.findMany({
      where: { chainId, owner: { equals: account, mode: 'insensitive' } },
      select: { tokenId: true },
    }),
    prisma.edition.findMany({
      where: { chainId, creator: { equals: account, mode: 'insensitive' } },
      select: { editionId: true },
    }),
  ]);
  return [
    // Offers by others on the tracks the account owns.
    {
      chainId,
      contract: 'Market',
      name: 'OfferMade',
      tokenId: { in: owned.map((t) => t.tokenId) },
      NOT: { args: { path: ['buyer'], equals: account } },
    },
    // Its sales, and royalties paid to it by anyone's sale.
    {
      chainId,
      contract: 'Market',
      name: 'Sale',
      OR: [{ args: { path: ['seller'], equals: account } }, { args: { path: ['royaltyReceiver'], equals: account } }],
    },
    // Split distributions that credited it.
    { chainId, contract: 'SplitMain', name: 'Distributed', args: { path: ['accounts'], array_contains: [account] } },
    // Copies minted of its editions.
    {
      chainId,
      contract: 'Editions',
      name: 'Minted',
      OR: editions.map((e) => ({ args: { path: ['editionId'], equals: e.editionId.toFixed(0) } })),
    },
  ].filter((w) => !('OR' in w) || (Array.isArray(w.OR) && w.OR.length > 0));
}

const after = (mark: ReadMark | null): Prisma.ChainEventWhereInput =>
  mark
    ? {
        OR: [
          { blockNumber: { gt: mark.blockNumber } },
          { blockNumber: mark.blockNumber, logIndex: { gt: mark.logIndex } },
        ],
      }
    : {};

/**
 * The signed-in account's notifications: offers on its tracks, sales of its tracks, royalties and split
 * distributions paid to it, and copies minted of its editions, newest first (at most `limit`), each marked unread
 * when it came after the account's read mark, and how many are unread in all.
 */
export async function readNotifications(
  prisma: Db,
  chainId: number,
  account: Address,
  currency: Currency,
  limit = NOTIFICATIONS_LIMIT,
): Promise<NotificationsView> {
  const me = getAddress(account);
  const [wheres, mark] = await Promise.all([
    sources(prisma, chainId, me),
    prisma.notificationRead.findUnique({ where: { chainId_account: { chainId, account: me } } }),
  ]);
  const where: Prisma.ChainEventWhereInput = { OR: wheres };
  const [rows, unread] = await Promise.all([
    prisma.chainEvent.findMany({ where, orderBy: [{ blockNumber: 'desc' }, { logIndex: 'desc' }], take: limit * 2 }),
    prisma.chainEvent.count({ where: { AND: [where, after(mark)] } }),
  ]);
  const tokenIds = rows.flatMap((r) => (r.tokenId ? [r.tokenId] : []));
  const editionIds = rows.flatMap((r) => {
    const e = motifEventOf(r);
    return e?.contract === 'Editions' && e.name === 'Minted' ? [e.args.editionId.toString()] : [];
  });
  const [tracks, editions] = await Promise.all([
    prisma.track.findMany({ where: { chainId, tokenId: { in: tokenIds } }, select: { tokenId: true, title: true } }),
    prisma.edition.findMany({
      where: { chainId, editionId: { in: editionIds } },
      select: { editionId: true, contentDigest: true, creator: true },
    }),
  ]);
  const editionTracks = await prisma.track.findMany({
    where: { chainId, contentDigest: { in: editions.map((e) => e.contentDigest) } },
    select: { tokenId: true, title: true, contentDigest: true, creator: true },
  });
  const titleOf = new Map(tracks.map((t) => [t.tokenId.toFixed(0), t.title]));
  const trackOfEdition = new Map(
    editions.map((e) => [
      e.editionId.toFixed(0),
      editionTracks.find(
        (t) => t.contentDigest === e.contentDigest && t.creator.toLowerCase() === e.creator.toLowerCase(),
      ),
    ]),
  );
  // the people the items name: the buyer of an offer or sale, the collector of an edition copy
  const people = await peopleOf(
    prisma,
    rows.flatMap((r) => {
      const e = motifEventOf(r);
      if (e?.contract === 'Market' && (e.name === 'OfferMade' || e.name === 'Sale')) return [e.args.buyer];
      return e?.contract === 'Editions' && e.name === 'Minted' ? [e.args.to] : [];
    }),
  );
  const person = (account: string) => {
    const a = getAddress(account);
    return { person: a, avatar: people.avatars.get(a) ?? null, name: people.names.get(a) ?? shortHex(a) };
  };
  const nobody = { person: null, avatar: null };
  const amount = (wei: bigint | string) => formatAmount(wei, currency);
  const isUnread = (blockNumber: bigint, logIndex: number) =>
    !mark || blockNumber > mark.blockNumber || (blockNumber === mark.blockNumber && logIndex > mark.logIndex);
  const items: Notification[] = [];
  for (const row of rows) {
    const e = motifEventOf(row);
    if (!e) continue;
    const base = {
      id: `${row.txHash}:${row.logIndex}`,
      blockNumber: row.blockNumber.toString(),
      logIndex: row.logIndex,
      unread: isUnread(row.blockNumber, row.logIndex),
    };
    const tokenId = row.tokenId?.toFixed(0) ?? '';
    const track = `“${titleOf.get(tokenId) ?? `track ${shortHex(tokenId)}`}”`;
    if (e.contract === 'Market' && e.name === 'OfferMade') {
      if (getAddress(e.args.buyer) === me) continue;
      const { name, ...who } = person(e.args.buyer);
      items.push({
        ...base,
        kind: 'offer',
        text: `Offer of ${amount(e.args.amount)} on ${track} from ${name}`,
        href: `/tracks/${tokenId}`,
        ...who,
      });
    } else if (e.contract === 'Market' && e.name === 'Sale') {
      if (getAddress(e.args.seller) === me) {
        const { name, ...who } = person(e.args.buyer);
        items.push({
          ...base,
          kind: 'sale',
          text: `${track} sold for ${amount(e.args.price)} to ${name}`,
          href: `/tracks/${tokenId}`,
          ...who,
        });
      } else
        items.push({
          ...base,
          kind: 'royalty',
          text: `Royalty of ${amount(e.args.royalty)} from a sale of ${track}`,
          href: '/money',
          ...nobody,
        });
    } else if (e.contract === 'SplitMain' && e.name === 'Distributed') {
      const i = e.args.accounts.findIndex((a) => getAddress(a) === me);
      const credit = BigInt(e.args.credits[i] ?? '0');
      if (credit === 0n) continue;
      items.push({
        ...base,
        kind: 'distribution',
        text: `${amount(credit)} distributed to you by split ${shortHex(e.args.split)}`,
        href: '/money',
        ...nobody,
      });
    } else if (e.contract === 'Editions' && e.name === 'Minted') {
      const t = trackOfEdition.get(e.args.editionId.toString());
      const copies = `${e.args.quantity} ${e.args.quantity === '1' ? 'copy' : 'copies'}`;
      const { name, ...who } = person(e.args.to);
      items.push({
        ...base,
        kind: 'editionMint',
        text: `${copies} of your edition of “${t?.title ?? `track ${shortHex(e.args.editionId)}`}” minted by ${name} for ${amount(e.args.paid)}`,
        href: t ? `/tracks/${t.tokenId.toFixed(0)}` : '/editions',
        ...who,
      });
    }
    if (items.length === limit) break;
  }
  return { items, unread };
}
