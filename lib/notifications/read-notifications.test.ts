import { getAddress, toHex } from 'viem';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storedEventArgs } from '../../test/support/event-args';
import { createPrismaClient } from '../db/client';
import type { MotifContractName } from '../chain/contracts';
import { markNotificationsRead } from './mark-notifications-read';
import { readNotifications } from './read-notifications';

const prisma = createPrismaClient(inject('databaseUrl'));
const CHAIN = 990_602; // a chain id of its own: other test files share the database
const ETH = { symbol: 'ETH', decimals: 18 };
const ME = getAddress('0x00000000000000000000000000000000000000a1');
const BUYER = getAddress('0x00000000000000000000000000000000000000b2');
const SPLIT = getAddress('0x00000000000000000000000000000000000000c3');
const DIGEST = toHex(7n, { size: 32 });
const TOKEN = '1001';
const OTHER_TOKEN = '1002';
const EDITION = '5005';

const track = (tokenId: string, owner: string, title: string) => ({
  chainId: CHAIN,
  tokenId,
  creator: ME,
  owner,
  contentDigest: tokenId === TOKEN ? DIGEST : toHex(8n, { size: 32 }),
  manifestDigest: DIGEST,
  licence: 0,
  royaltyReceiver: ME,
  royaltyBps: 1000,
  mintedBlock: 1n,
  mintedTx: toHex(1n, { size: 32 }),
  title,
});

/** [contract, name, tokenId, args], one per block from block 10. */
const EVENTS: [MotifContractName, string, string | null, Record<string, string | string[]>][] = [
  ['Market', 'OfferMade', TOKEN, { tokenId: TOKEN, buyer: BUYER, amount: '500000000000000000' }],
  ['Market', 'OfferMade', TOKEN, { tokenId: TOKEN, buyer: ME, amount: '1' }], // my own offer: not a notification
  ['Market', 'Sale', OTHER_TOKEN, { tokenId: OTHER_TOKEN, seller: ME, buyer: BUYER, price: '2000000000000000000' }],
  [
    'Market',
    'Sale',
    TOKEN,
    { tokenId: TOKEN, seller: BUYER, buyer: SPLIT, royaltyReceiver: ME, royalty: '100000000000000000' },
  ],
  ['SplitMain', 'Distributed', null, { split: SPLIT, accounts: [BUYER, ME], credits: ['3', '7000'] }],
  ['Editions', 'Minted', null, { editionId: EDITION, to: BUYER, quantity: '2', paid: '20' }],
  ['Market', 'OfferMade', '9999', { tokenId: '9999', buyer: BUYER, amount: '1' }], // not my track
];

beforeAll(async () => {
  await prisma.chainEvent.deleteMany({ where: { chainId: CHAIN } });
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
  await prisma.edition.deleteMany({ where: { chainId: CHAIN } });
  await prisma.notificationRead.deleteMany({ where: { chainId: CHAIN } });
  await prisma.track.createMany({
    data: [track(TOKEN, ME, 'Tide'), track(OTHER_TOKEN, BUYER, 'Shore'), track('9999', BUYER, 'Not mine')],
  });
  await prisma.edition.create({
    data: {
      chainId: CHAIN,
      editionId: EDITION,
      creator: ME,
      contentDigest: DIGEST,
      manifestDigest: DIGEST,
      licence: 0,
      royaltyReceiver: ME,
      royaltyBps: 0,
      payout: ME,
      maxSupply: 10,
      closeAt: 0n,
      referralBps: 0,
      createdBlock: 1n,
      createdTx: toHex(1n, { size: 32 }),
    },
  });
  await prisma.chainEvent.createMany({
    data: EVENTS.map(([contract, name, tokenId, args], i) => ({
      chainId: CHAIN,
      txHash: toHex(BigInt(i + 1), { size: 32 }),
      logIndex: 0,
      blockNumber: BigInt(10 + i),
      blockHash: toHex(BigInt(i + 1), { size: 32 }),
      contract,
      name,
      tokenId,
      args: storedEventArgs(contract, name, args),
    })),
  });
});
afterAll(async () => {
  await prisma.chainEvent.deleteMany({ where: { chainId: CHAIN } });
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
  await prisma.edition.deleteMany({ where: { chainId: CHAIN } });
  await prisma.notificationRead.deleteMany({ where: { chainId: CHAIN } });
  await prisma.$disconnect();
});

describe('notifications', () => {
  it('lists offers on my tracks, my sales, royalties, distributions and edition mints, newest first, all unread', async () => {
    const view = await readNotifications(prisma, CHAIN, ME, ETH);
    expect(view.items.map((n) => [n.kind, n.text, n.href, n.unread])).toEqual([
      [
        'editionMint',
        `2 copies of your edition of “Tide” minted by 0x0000…00b2 for 0.00000000000000002 ETH`,
        `/tracks/${TOKEN}`,
        true,
      ],
      ['distribution', '0.000000000000007 ETH distributed to you by split 0x0000…00C3', '/money', true],
      ['royalty', 'Royalty of 0.1 ETH from a sale of “Tide”', '/money', true],
      ['sale', '“Shore” sold for 2 ETH to 0x0000…00b2', `/tracks/${OTHER_TOKEN}`, true],
      ['offer', 'Offer of 0.5 ETH on “Tide” from 0x0000…00b2', `/tracks/${TOKEN}`, true],
    ]);
    expect(view.unread).toBe(5);
  });

  it('marks read up to the newest seen: older ones read, later ones unread; the mark never moves back', async () => {
    const before = await readNotifications(prisma, CHAIN, ME, ETH);
    const third = before.items[2]!;
    await markNotificationsRead(prisma, CHAIN, ME, {
      blockNumber: BigInt(third.blockNumber),
      logIndex: third.logIndex,
    });
    const after = await readNotifications(prisma, CHAIN, ME, ETH);
    expect(after.items.map((n) => n.unread)).toEqual([true, true, false, false, false]);
    expect(after.unread).toBe(2);
    await markNotificationsRead(prisma, CHAIN, ME, { blockNumber: 1n, logIndex: 0 });
    expect((await readNotifications(prisma, CHAIN, ME, ETH)).unread).toBe(2);
  });

  it('names the buyer by profile name and gives their uploaded avatar (issue #16)', async () => {
    const folderCid = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
    await prisma.profile.upsert({
      where: { address: BUYER },
      create: { address: BUYER, displayName: 'Bea' },
      update: { displayName: 'Bea' },
    });
    await prisma.profileAvatar.upsert({
      where: { address: BUYER },
      create: { address: BUYER, folderCid },
      update: { folderCid },
    });
    try {
      const view = await readNotifications(prisma, CHAIN, ME, ETH);
      expect(view.items.map((n) => [n.kind, n.text, n.person, n.avatar])).toEqual([
        [
          'editionMint',
          '2 copies of your edition of “Tide” minted by Bea for 0.00000000000000002 ETH',
          BUYER,
          `/media/${folderCid}/avatar`,
        ],
        ['distribution', '0.000000000000007 ETH distributed to you by split 0x0000…00C3', null, null],
        ['royalty', 'Royalty of 0.1 ETH from a sale of “Tide”', null, null],
        ['sale', '“Shore” sold for 2 ETH to Bea', BUYER, `/media/${folderCid}/avatar`],
        ['offer', 'Offer of 0.5 ETH on “Tide” from Bea', BUYER, `/media/${folderCid}/avatar`],
      ]);
    } finally {
      await prisma.profile.deleteMany({ where: { address: BUYER } });
      await prisma.profileAvatar.deleteMany({ where: { address: BUYER } });
    }
  });

  it('another account sees none of mine', async () => {
    expect(await readNotifications(prisma, CHAIN, SPLIT, ETH)).toEqual({ items: [], unread: 0 });
  });
});
