import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { createTestClient, getAddress, http, type Address } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { toMotifAddresses, type MotifContractAddresses } from '../chain/contracts';
import { editionsAbi, motifTestUsdAbi } from '../contracts/abi';
import { deployContracts } from '../contracts/deploy';
import { createPrismaClient } from '../db/client';
import { Prisma } from '../db/generated/client';
import { addEditionPhase } from '../editions/add-phase';
import { airdrop } from '../editions/airdrop';
import { AllowlistTree } from '../editions/allowlist-tree';
import type { EditionsClients } from '../editions/clients';
import { createEdition } from '../editions/create-edition';
import { editionIdOf, tokenIdOf } from '../editions/edition-id';
import { mintEdition } from '../editions/mint-edition';
import { releaseRevenue } from '../editions/release-revenue';
import { listEditions, loadCollectedCopies, loadEditionEarnings, loadTrackEditions } from '../editions/edition-view';
import { trackIdOf } from '../contracts/track-id';
import { statementRows, summarize } from '../labels/statement';
import { ANVIL_KEY_0, startTestChain, type TestChain } from '../../test/contracts/chain';
import { digestOf, publicPhase } from '../../test/editions/fixture';
import { clearIndex } from './clear-index';
import { syncOnce, syncToHead, type IndexerParameters } from './indexer';

// Its own anvil (the reorg test reverts snapshots) and its own chain id as the database key, so other indexer test
// files running at the same time never see these rows.
const CHAIN_ID = 917_017;
const prisma = createPrismaClient(inject('databaseUrl'));
let t: TestChain;
let dir: string;
let addresses: MotifContractAddresses;
let startBlock: bigint;
let stablecoin: Address;
let creator: EditionsClients;
let fan: EditionsClients;
let stranger: EditionsClients;
let referrer: Address;
let editionId: bigint;
const payout: Address = '0x00000000000000000000000000000000000Fee02';
const PRICE = 10n ** 16n;

const params = (overrides: Partial<IndexerParameters> = {}): IndexerParameters => ({
  prisma,
  client: t.publicClient,
  chainId: CHAIN_ID,
  addresses,
  startBlock,
  confirmations: 64,
  ...overrides,
});
const plain = (value: unknown): unknown =>
  typeof value === 'bigint'
    ? value.toString()
    : Prisma.Decimal.isDecimal(value)
      ? value.toFixed()
      : Array.isArray(value)
        ? value.map(plain)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
          : value;
async function tables() {
  const where = { where: { chainId: CHAIN_ID } };
  const [editions, phases, mints, releases] = await Promise.all([
    prisma.edition.findMany({ ...where, orderBy: { createdBlock: 'asc' } }),
    prisma.editionPhase.findMany({ ...where, orderBy: [{ editionId: 'asc' }, { phase: 'asc' }] }),
    prisma.editionMint.findMany({ ...where, orderBy: [{ editionId: 'asc' }, { firstNumber: 'asc' }] }),
    prisma.editionRelease.findMany({ ...where, orderBy: { blockNumber: 'asc' } }),
  ]);
  return plain({ editions, phases, mints, releases }) as {
    editions: Record<string, unknown>[];
    phases: Record<string, unknown>[];
    mints: Record<string, unknown>[];
    releases: Record<string, unknown>[];
  };
}

beforeAll(async () => {
  t = await startTestChain();
  dir = await mkdtemp(path.join(inject('servicesDir'), 'indexer-editions-'));
  const { deployment } = await deployContracts({
    publicClient: t.publicClient,
    walletClient: t.wallet(ANVIL_KEY_0),
    deploymentPath: path.join(dir, 'deployment.json'),
  });
  addresses = toMotifAddresses(
    Object.fromEntries(Object.entries(deployment.contracts).map(([k, v]) => [k, v.address])),
  )!;
  if (!deployment.stablecoin) throw new Error('the local deployment has no test stablecoin');
  stablecoin = getAddress(deployment.stablecoin.address);
  startBlock = BigInt(Math.min(...Object.values(deployment.contracts).map((c) => c.blockNumber)));
  const actor = async () => ({
    publicClient: t.publicClient,
    walletClient: (await t.funded()).wallet,
    editions: addresses.Editions,
  });
  creator = await actor();
  fan = await actor();
  stranger = await actor();
  referrer = (await actor()).walletClient.account.address;

  // A two-phase drop: allowlist presale for the fan, then public; a presale mint, a public mint with a comment and
  // a referrer, an airdrop to two addresses, and the revenue released to the payout.
  const now = Number((await t.publicClient.getBlock()).timestamp);
  const content = digestOf('indexed drop');
  editionId = editionIdOf(creator.walletClient.account.address, content);
  const tree = AllowlistTree.build([{ editionId, phase: 0, addresses: [fan.walletClient.account.address] }]);
  await createEdition(creator, {
    content,
    manifest: digestOf('indexed drop/manifest'),
    licence: 7,
    royaltyReceiver: payout,
    royaltyBps: 1000,
    maxSupply: 50,
    closeAt: 0,
    referralBps: 1000,
    phases: [
      publicPhase(now, now + 5, PRICE / 2n, { mode: 'allowlist', merkleRoot: tree.root, walletCap: 2 }),
      publicPhase(now + 5, now + 100_000, PRICE),
    ],
  });
  await mintEdition(fan, {
    editionId,
    phase: 0,
    quantity: 2,
    price: PRICE / 2n,
    authorisation: { mode: 'allowlist', proof: tree.proof(editionId, 0, fan.walletClient.account.address) },
  });
  const test = createTestClient({ mode: 'anvil', transport: http(t.anvil.rpcUrl) });
  await test.setNextBlockTimestamp({ timestamp: BigInt(now + 10) });
  await test.mine({ blocks: 1 });
  await mintEdition(stranger, {
    editionId,
    phase: 1,
    quantity: 1,
    price: PRICE,
    referrer,
    comment: 'gm from the front row',
    authorisation: { mode: 'public' },
  });
  await airdrop(creator, { editionId, recipients: [referrer, payout], quantityEach: 2 });
  await releaseRevenue(stranger, { editionIds: [editionId] });
});

afterAll(async () => {
  await clearIndex(prisma, CHAIN_ID);
  await prisma.$disconnect();
  await t?.anvil.stop();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => clearIndex(prisma, CHAIN_ID));

describe('indexer: editions', () => {
  it('indexes the edition, its phases, sales (comment, referrer and credit), airdrop copies per recipient and releases', async () => {
    await syncToHead(params());
    const { editions, phases, mints, releases } = await tables();
    expect(editions).toEqual([
      expect.objectContaining({
        editionId: editionId.toString(),
        creator: creator.walletClient.account.address,
        payout,
        maxSupply: 50,
        referralBps: 1000,
        royaltyBps: 1000,
        licence: 7,
      }),
    ]);
    expect(phases.map((p) => [p.phase, p.mode, p.priceWei, p.walletCap])).toEqual([
      [0, 1, (PRICE / 2n).toString(), 2],
      [1, 0, PRICE.toString(), 0],
    ]);
    expect(
      mints.map((m) => [
        m.kind,
        m.phase,
        m.collector,
        m.firstNumber,
        m.quantity,
        m.paidWei,
        m.referrer,
        m.referralWei,
        m.comment,
      ]),
    ).toEqual([
      ['sale', 0, fan.walletClient.account.address, 1, 2, PRICE.toString(), null, '0', ''],
      [
        'sale',
        1,
        stranger.walletClient.account.address,
        3,
        1,
        PRICE.toString(),
        referrer,
        (PRICE / 10n).toString(),
        'gm from the front row',
      ],
      ['airdrop', null, referrer, 4, 2, '0', null, '0', ''],
      ['airdrop', null, payout, 6, 2, '0', null, '0', ''],
    ]);
    // Released: both sales less the referral credit.
    expect(releases).toEqual([
      expect.objectContaining({
        editionId: editionId.toString(),
        payout,
        amountWei: (2n * PRICE - PRICE / 10n).toString(),
      }),
    ]);

    // What the pages read: the track's edition with counts and the wall, a collector's numbers, earnings.
    const [view] = await loadTrackEditions(prisma, CHAIN_ID, {
      creator: creator.walletClient.account.address,
      contentDigest: digestOf('indexed drop'),
    });
    expect(view).toMatchObject({ editionId: editionId.toString(), minted: 7, maxSupply: 50, referralBps: 1000 });
    expect(view!.phases.map((p) => [p.mode, p.minted])).toEqual([
      ['allowlist', 2],
      ['public', 1],
    ]);
    expect(view!.wall.map((w) => [w.firstNumber, w.kind, w.comment])).toEqual([
      [6, 'airdrop', ''],
      [4, 'airdrop', ''],
      [3, 'sale', 'gm from the front row'],
      [1, 'sale', ''],
    ]);
    const trackTokenId = trackIdOf(creator.walletClient.account.address, digestOf('indexed drop')).toString();
    expect(await loadCollectedCopies(prisma, CHAIN_ID, referrer)).toEqual([
      { editionId: editionId.toString(), trackTokenId, numbers: [4, 5], comment: '' },
    ]);
    const chainNow = Number((await t.publicClient.getBlock()).timestamp);
    const listed = await listEditions(prisma, CHAIN_ID, { collectableNow: true, now: chainNow });
    expect(listed).toEqual([
      expect.objectContaining({
        editionId: editionId.toString(),
        trackTokenId,
        minted: 7,
        phase: { mode: 'public', priceWei: PRICE.toString(), end: expect.any(Number) },
      }),
    ]);
    expect(await listEditions(prisma, CHAIN_ID, { collectableNow: true, now: chainNow + 200_000 })).toEqual([]);
    expect(await listEditions(prisma, CHAIN_ID, { collectableNow: false, now: chainNow + 200_000 })).toHaveLength(1);
    expect(await loadEditionEarnings(prisma, CHAIN_ID, payout)).toEqual({
      primaryWei: (2n * PRICE - PRICE / 10n).toString(),
      referralWei: '0',
      tokens: [],
    });
    expect(await loadEditionEarnings(prisma, CHAIN_ID, referrer)).toEqual({
      primaryWei: '0',
      referralWei: (PRICE / 10n).toString(),
      tokens: [],
    });

    // The label statement (lib/labels/statement.ts) from the same indexed events: the edition's released revenue as a
    // primary sale of the track, the referrer's share as a referral payout.
    const stored = (
      await prisma.chainEvent.findMany({
        where: { chainId: CHAIN_ID },
        orderBy: [{ blockNumber: 'asc' }, { logIndex: 'asc' }],
      })
    ).map((e) => ({
      contract: e.contract,
      name: e.name,
      args: e.args as Record<string, unknown>,
      blockNumber: e.blockNumber,
      txHash: e.txHash,
      logIndex: e.logIndex,
      tokenId: null,
    }));
    const statement = statementRows(stored, { tokenIds: new Set([trackTokenId]), splits: new Set([payout]) });
    expect(statement.map((r) => [r.kind, r.tokenId, r.account, r.amountWei])).toEqual([
      ['referral-payout', trackTokenId, referrer, PRICE / 10n],
      ['primary-sale', trackTokenId, payout, 2n * PRICE - PRICE / 10n],
    ]);
    expect(summarize(statement).byTrack.get(trackTokenId)?.primarySales).toBe(2n * PRICE - PRICE / 10n);
  });

  it('gives the same rows in small batches, restarted, and when everything is delivered twice', async () => {
    await syncToHead(params());
    const reference = await tables();
    await clearIndex(prisma, CHAIN_ID);
    await syncToHead(params({ batchSize: 1 }));
    expect(await tables()).toEqual(reference);
    await prisma.chainCursor.deleteMany({ where: { chainId: CHAIN_ID } });
    await syncToHead(params());
    expect(await tables()).toEqual(reference);
  });

  it('drops the rows of a mint whose block a reorg removed, and keeps the replacement', async () => {
    const test = createTestClient({ mode: 'anvil', transport: http(t.anvil.rpcUrl) });
    const snapshot = await test.snapshot();
    await mintEdition(stranger, {
      editionId,
      phase: 1,
      quantity: 1,
      price: PRICE,
      comment: 'on a branch that vanishes',
      authorisation: { mode: 'public' },
    });
    await syncToHead(params());
    expect((await tables()).mints.map((m) => m.comment)).toContain('on a branch that vanishes');

    await test.revert({ id: snapshot });
    await mintEdition(fan, {
      editionId,
      phase: 1,
      quantity: 1,
      price: PRICE,
      comment: 'the chain that stays',
      authorisation: { mode: 'public' },
    });
    await test.mine({ blocks: 3 });
    const result = await syncOnce(params());
    expect(result.rolledBackTo).not.toBeNull();
    await syncToHead(params());
    const comments = (await tables()).mints.map((m) => m.comment);
    expect(comments).not.toContain('on a branch that vanishes');
    expect(comments).toContain('the chain that stays');
  });

  it('follows PhaseCurrencySet: a phase priced in the stablecoin is shown with its token, the others in ETH; a reorg drops it', async () => {
    const now = Number((await t.publicClient.getBlock()).timestamp);
    const content = digestOf('priced in tUSD');
    const { editionId: tokenEdition } = await createEdition(creator, {
      content,
      manifest: digestOf('priced in tUSD/manifest'),
      licence: 0,
      royaltyReceiver: payout,
      royaltyBps: 0,
      maxSupply: 10,
      closeAt: 0,
      referralBps: 0,
      phases: [publicPhase(now + 1, now + 50, PRICE)],
    });
    const test = createTestClient({ mode: 'anvil', transport: http(t.anvil.rpcUrl) });
    const snapshot = await test.snapshot();
    await addEditionPhase(creator, {
      editionId: tokenEdition,
      phase: publicPhase(now + 50, now + 100_000, 3_000_000n),
      currency: stablecoin,
    });
    await syncToHead(params());
    const rows = await prisma.editionPhaseCurrency.findMany({ where: { chainId: CHAIN_ID } });
    expect(rows.map((r) => [r.editionId.toFixed(), r.phase, getAddress(r.currency)])).toEqual([
      [tokenEdition.toString(), 1, stablecoin],
    ]);
    const [view] = await loadTrackEditions(prisma, CHAIN_ID, {
      creator: creator.walletClient.account.address,
      contentDigest: content,
    });
    expect(view?.phases.map((p) => [p.priceWei, p.currency])).toEqual([
      [PRICE.toString(), null],
      ['3000000', stablecoin],
    ]);
    // Delivered twice: still one row.
    await syncToHead(params({ startBlock }));
    expect(await prisma.editionPhaseCurrency.count({ where: { chainId: CHAIN_ID } })).toBe(1);

    await test.revert({ id: snapshot });
    await test.mine({ blocks: 3 });
    await syncOnce(params());
    await syncToHead(params());
    expect(await prisma.editionPhaseCurrency.count({ where: { chainId: CHAIN_ID } })).toBe(0);
  });
  it('follows CreditedInCurrency: a sale in tUSD credits the referrer and the payout in the token, once; a reorg drops them', async () => {
    const now = Number((await t.publicClient.getBlock()).timestamp);
    const content = digestOf('referred in tUSD');
    const { editionId: tokenEdition } = await createEdition(creator, {
      content,
      manifest: digestOf('referred in tUSD/manifest'),
      licence: 0,
      royaltyReceiver: payout,
      royaltyBps: 0,
      maxSupply: 10,
      closeAt: 0,
      referralBps: 1000,
      phases: [publicPhase(now, now + 2, PRICE)],
    });
    const USD = 3_000_000n; // 3 tUSD (6 decimals)
    await addEditionPhase(creator, {
      editionId: tokenEdition,
      phase: publicPhase(now + 2, now + 100_000, USD),
      currency: stablecoin,
    });
    const test = createTestClient({ mode: 'anvil', transport: http(t.anvil.rpcUrl) });
    await test.setNextBlockTimestamp({ timestamp: BigInt(now + 3) });
    await test.mine({ blocks: 1 });
    const funding = await stranger.walletClient.writeContract({
      address: stablecoin,
      abi: motifTestUsdAbi,
      functionName: 'mint',
      args: [stranger.walletClient.account.address, 2n * USD],
      chain: stranger.walletClient.chain,
    });
    await t.publicClient.waitForTransactionReceipt({ hash: funding });
    const snapshot = await test.snapshot();
    const minted = await mintEdition(stranger, {
      editionId: tokenEdition,
      phase: 1,
      quantity: 2,
      price: USD,
      currency: stablecoin,
      referrer,
      comment: 'paid in tUSD',
      authorisation: { mode: 'public' },
    });
    expect(minted.paid).toBe(2n * USD);
    const referral = (2n * USD) / 10n;

    await syncToHead(params());
    const credits = async () =>
      (
        await prisma.editionCurrencyCredit.findMany({
          where: { chainId: CHAIN_ID },
          orderBy: [{ blockNumber: 'asc' }, { logIndex: 'asc' }],
        })
      ).map((c) => [c.kind, c.editionId?.toFixed(), c.account, getAddress(c.currency), c.amount.toFixed()]);
    const expected = [
      ['referral', tokenEdition.toString(), referrer, stablecoin, referral.toString()],
      ['revenue', tokenEdition.toString(), payout, stablecoin, (2n * USD - referral).toString()],
    ];
    expect(await credits()).toEqual(expected);
    expect(await loadEditionEarnings(prisma, CHAIN_ID, referrer)).toMatchObject({
      tokens: [{ currency: stablecoin, primary: '0', referral: referral.toString() }],
    });
    expect((await loadEditionEarnings(prisma, CHAIN_ID, payout)).tokens).toEqual([
      { currency: stablecoin, primary: (2n * USD - referral).toString(), referral: '0' },
    ]);
    // The label statement (this track's rows; the file's first edition pays the same payout): the referral payout and
    // the primary sale in the token, never in the native currency.
    const stored = (
      await prisma.chainEvent.findMany({
        where: { chainId: CHAIN_ID },
        orderBy: [{ blockNumber: 'asc' }, { logIndex: 'asc' }],
      })
    ).map((e) => ({ ...e, args: e.args as Record<string, unknown>, tokenId: null }));
    const trackTokenId = trackIdOf(creator.walletClient.account.address, content).toString();
    const statement = statementRows(stored, { tokenIds: new Set([trackTokenId]), splits: new Set([payout]) });
    const ofThisTrack = statement.filter((r) => r.tokenId === trackTokenId);
    expect(ofThisTrack.map((r) => [r.kind, r.tokenId, r.account, r.asset, r.amountWei])).toEqual([
      ['referral-payout', trackTokenId, referrer, stablecoin, referral],
      ['primary-sale', trackTokenId, payout, stablecoin, 2n * USD - referral],
    ]);

    // Delivered twice, and in one-block batches: the same rows.
    await prisma.chainCursor.deleteMany({ where: { chainId: CHAIN_ID } });
    await syncToHead(params());
    expect(await credits()).toEqual(expected);
    await clearIndex(prisma, CHAIN_ID);
    await syncToHead(params({ batchSize: 1 }));
    expect(await credits()).toEqual(expected);

    // The sale's block is gone after a reorg: so are its credits.
    await test.revert({ id: snapshot });
    await test.mine({ blocks: 3 });
    const result = await syncOnce(params());
    expect(result.rolledBackTo).not.toBeNull();
    await syncToHead(params());
    expect(await credits()).toEqual([]);
  });

  it('collected copies follow transfers: a copy sent on shows on the new holder’s profile, and comes back when a reorg undoes the move', async () => {
    const test = createTestClient({ mode: 'anvil', transport: http(t.anvil.rpcUrl) });
    const snapshot = await test.snapshot();
    const fanAddress = fan.walletClient.account.address;
    const strangerAddress = stranger.walletClient.account.address;
    const trackTokenId = trackIdOf(creator.walletClient.account.address, digestOf('indexed drop')).toString();
    const copy = (numbers: number[], comment = '') => ({
      editionId: editionId.toString(),
      trackTokenId,
      numbers,
      comment,
    });
    // Earlier tests left the fan other copies (a later mint): only copies #1-#3 are this test's.
    const ours = (copies: { numbers: number[] }[]) => copies.filter((c) => c.numbers.every((n) => n <= 3));
    await syncToHead(params());
    expect(ours(await loadCollectedCopies(prisma, CHAIN_ID, fanAddress))).toEqual([copy([1, 2])]);

    // The fan sends copy #2 to the stranger, who minted #3 with a comment.
    const hash = await fan.walletClient.writeContract({
      address: addresses.Editions,
      abi: editionsAbi,
      functionName: 'transferFrom',
      args: [fanAddress, strangerAddress, tokenIdOf(editionId, 2)],
      chain: fan.walletClient.chain,
    });
    expect((await t.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    await syncToHead(params());
    expect(ours(await loadCollectedCopies(prisma, CHAIN_ID, fanAddress))).toEqual([copy([1])]);
    expect(ours(await loadCollectedCopies(prisma, CHAIN_ID, strangerAddress))).toEqual([
      copy([2]),
      copy([3], 'gm from the front row'),
    ]);

    await test.revert({ id: snapshot });
    await test.mine({ blocks: 3 });
    expect((await syncOnce(params())).rolledBackTo).not.toBeNull();
    await syncToHead(params());
    expect(ours(await loadCollectedCopies(prisma, CHAIN_ID, fanAddress))).toEqual([copy([1, 2])]);
    expect(ours(await loadCollectedCopies(prisma, CHAIN_ID, strangerAddress))).toEqual([
      copy([3], 'gm from the front row'),
    ]);
  });
});
