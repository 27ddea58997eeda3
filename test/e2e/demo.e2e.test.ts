/**
 * Demo content on a fresh install (issue #16): `npm start` with the demo seed on, on empty data, seeds a real
 * catalogue. Checked through the running components: the `✔ demo` line; the gallery API and page, the activity page,
 * a creator's profile page and the label dashboard's API (signed in as the demo label's account with SIWE) have
 * content; on chain, six mints, one Market sale whose royalty SplitMain distributed; every track verifies through
 * /api/tracks/verify (replay with the shipped model included); a restart on the same data adds nothing.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createPublicClient, getAddress, http, parseEther, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInMessage } from '../../lib/auth/siwe';
import { localChain } from '../../lib/config/chains';
import { marketAbi, splitMainAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { readDeployment } from '../../lib/contracts/deployment';
import { DEMO_LABEL_NAME, DEMO_PROFILE_NAMES, DEMO_TRACKS, isDemoDescription } from '../../lib/demo/catalogue';
import { demoDevAccounts } from '../../lib/demo/seed-demo';
import { pollUntil } from '../support/limits';
import {
  pressCtrlC,
  runStartScript,
  tempPlatform,
  type PlatformEnv,
  type StartedPlatform,
} from '../support/start-process';

const accounts = demoDevAccounts();
const SOLD = DEMO_TRACKS.find((t) => t.sold)!;
let dir: string;
let env: PlatformEnv;
let started: StartedPlatform;
let base: string;
let publicClient: ReturnType<typeof createPublicClient>;
let contracts: { collection: Address; market: Address; splitMain: Address; fromBlock: bigint };

type GalleryItem = { tokenId: string; title: string | null; creator: string; priceWei: string | null };
type GalleryPage = { items: GalleryItem[]; total: number };

const gallery = async (query = ''): Promise<GalleryPage> => {
  const res = await fetch(`${base}/api/gallery?pageSize=50${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as GalleryPage;
};
const page = async (pathname: string): Promise<string> => {
  const res = await fetch(`${base}${pathname}`);
  const html = await res.text();
  if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}: ${html.slice(0, 500)}`);
  return html;
};

const chainCounts = async () => {
  const [minted, sales, distributions] = await Promise.all([
    publicClient.getContractEvents({
      address: contracts.collection,
      abi: trackCollectionAbi,
      eventName: 'TrackMinted',
      fromBlock: contracts.fromBlock,
    }),
    publicClient.getContractEvents({
      address: contracts.market,
      abi: marketAbi,
      eventName: 'Sale',
      fromBlock: contracts.fromBlock,
    }),
    publicClient.getContractEvents({
      address: contracts.splitMain,
      abi: splitMainAbi,
      eventName: 'Distributed',
      fromBlock: contracts.fromBlock,
    }),
  ]);
  return { minted, sales, distributions };
};

/** Signs in with SIWE as `privateKey`'s account; the session cookie. */
async function signIn(privateKey: `0x${string}`): Promise<string> {
  const account = privateKeyToAccount(privateKey);
  const { nonce } = (await (await fetch(`${base}/api/auth/nonce`)).json()) as { nonce: string };
  const message = createSignInMessage({
    address: account.address,
    chainId: 31337,
    domain: `localhost:${env.MOTIF_APP_PORT}`,
    uri: `${base}/`,
    nonce,
  });
  const res = await fetch(`${base}/api/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message, signature: await account.signMessage({ message }) }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie;
}

beforeAll(async () => {
  ({ dir, env } = await tempPlatform('demo', { demo: true }));
  started = runStartScript(env);
  await started.ready;
  base = `http://localhost:${env.MOTIF_APP_PORT}`;
  publicClient = createPublicClient({
    chain: localChain(`http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`),
    transport: http(),
  });
  const deployment = readDeployment(path.join(env.MOTIF_DATA_DIR, 'deployments', '31337.json'));
  contracts = {
    collection: deployment.contracts.TrackCollection.address,
    market: deployment.contracts.Market.address,
    splitMain: deployment.contracts.SplitMain.address,
    fromBlock: BigInt(deployment.contracts.TrackCollection.blockNumber),
  };
  // The metadata resolver marks the tracks verified right after the indexer catches up: wait for all six.
  await pollUntil(
    'the six demo tracks in the gallery',
    async () => (await gallery()).total === DEMO_TRACKS.length,
    () => started.output(),
  );
});

afterAll(async () => {
  if (started) {
    pressCtrlC(started);
    await started.exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm start on empty data seeds the demo catalogue', () => {
  it('prints one demo line, after the indexer and before the app', () => {
    const lines = started
      .output()
      .split('\n')
      .filter((l) => l.startsWith('✔'))
      .map((l) => l.split(/\s+/)[1]);
    expect(lines).toEqual(['chain', 'contracts', 'database', 'ipfs', 'seed', 'indexer', 'demo', 'app']);
    expect(started.output()).toMatch(/✔ demo +demo catalogue seeded: 6 demo tracks composed by the shipped models, /);
  });

  it('the gallery lists the six tracks by title, the listed ones with a price, every one marked as demo data', async () => {
    const all = await gallery();
    expect(all.items.map((t) => t.title).sort()).toEqual(DEMO_TRACKS.map((t) => t.title).sort());
    const forSale = await gallery('&forSale=1');
    expect(forSale.items.map((t) => t.title).sort()).toEqual(
      DEMO_TRACKS.filter((t) => t.listPrice && !t.sold)
        .map((t) => t.title)
        .sort(),
    );
    const html = await page('/gallery');
    for (const t of DEMO_TRACKS) expect(html).toContain(t.title);
    expect(html).not.toContain('No tracks match.');
    // The marker a page can show: each track page carries the demo description.
    const sold = all.items.find((t) => t.title === SOLD.title)!;
    const trackHtml = await page(`/tracks/${sold.tokenId}`);
    expect(isDemoDescription(trackHtml.match(/Demo track: seeded by npm start[^<]*/)?.[0])).toBe(true);
  });

  it('activity, a creator profile with its demo name and tracks', async () => {
    const activity = await page('/activity');
    expect(activity).not.toContain('Nothing yet.');
    expect(activity).toContain('/tracks/');
    const creator = accounts[SOLD.creator].address;
    const profile = await page(`/profiles/${creator}`);
    expect(profile).toContain(DEMO_PROFILE_NAMES[SOLD.creator]);
    for (const t of DEMO_TRACKS.filter((x) => x.creator === SOLD.creator)) expect(profile).toContain(t.title);
  });

  it('on chain: six mints, one sale to the collector, its royalty distributed by SplitMain', async () => {
    const { minted, sales, distributions } = await chainCounts();
    expect(minted).toHaveLength(DEMO_TRACKS.length);
    expect(sales).toHaveLength(1);
    const sale = sales[0]!.args;
    expect(getAddress(sale.buyer!)).toBe(accounts.collector.address);
    expect(sale.price).toBe(parseEther(SOLD.listPrice!));
    expect(distributions).toHaveLength(1);
    expect(distributions[0]!.args.split).toBe(sale.royaltyReceiver);
    expect(distributions[0]!.args.amount).toBe(sale.royalty);
    expect(sale.royalty).toBe((parseEther(SOLD.listPrice!) * 10n) / 100n);
  });

  it('the label dashboard: the demo label with its two tracks and the sale royalty in its earnings', async () => {
    const cookie = await signIn(accounts.label.privateKey);
    const labels = (await (await fetch(`${base}/api/labels`, { headers: { cookie } })).json()) as unknown;
    const label = JSON.stringify(labels).includes(DEMO_LABEL_NAME);
    expect(label).toBe(true);
    const id = /"id":"([0-9a-f-]{36})"/.exec(JSON.stringify(labels))?.[1];
    expect(id).toBeDefined();
    const detail = await fetch(`${base}/api/labels/${id}`, { headers: { cookie } });
    expect(detail.status).toBe(200);
    const detailText = await detail.text();
    for (const t of DEMO_TRACKS.filter((x) => x.inLabel)) expect(detailText).toContain(t.title);
    const earnings = await fetch(`${base}/api/labels/${id}/earnings`, { headers: { cookie } });
    expect(earnings.status).toBe(200);
    const royalty = ((parseEther(SOLD.listPrice!) * 10n) / 100n).toString();
    expect(await earnings.text()).toContain(`"resaleRoyalties":"${royalty}"`);
  });

  it('every demo track verifies from its token id (manifest, files, C2PA, watermark, signature, replay, chain)', async () => {
    for (const item of (await gallery()).items) {
      const res = await fetch(`${base}/api/tracks/verify?id=${item.tokenId}`);
      const body = (await res.json()) as { ok: boolean; checks: { name: string; pass: boolean; reason: string }[] };
      expect(body.checks.filter((c) => !c.pass).map((c) => `${item.title} ${c.name}: ${c.reason}`)).toEqual([]);
      expect(body.checks.map((c) => c.name)).toContain('replay');
      expect(body.ok).toBe(true);
    }
  });

  it('a restart on the same data finds the catalogue in place and duplicates nothing', async () => {
    const before = await chainCounts();
    pressCtrlC(started);
    expect(await started.exited).toBe(0);
    started = runStartScript(env);
    await started.ready;
    expect(started.output()).toMatch(/✔ demo +demo catalogue already in place: 6 demo tracks/);
    const after = await chainCounts();
    expect(after.minted).toHaveLength(before.minted.length);
    expect(after.sales).toHaveLength(1);
    expect(after.distributions).toHaveLength(1);
    expect((await gallery()).total).toBe(DEMO_TRACKS.length);
    const cookie = await signIn(accounts.label.privateKey);
    const labels = JSON.stringify(await (await fetch(`${base}/api/labels`, { headers: { cookie } })).json());
    expect(labels.split(DEMO_LABEL_NAME).length - 1).toBe(1);
  });
});
