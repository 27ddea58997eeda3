/**
 * Home and track page figures (issue 16), in headless Chromium against the production app that `npm start` serves,
 * on a fresh data folder with two real tracks (pinned folders with the creator's signed manifest, minted with viem,
 * one listed), so the home page shows music as a visitor's would:
 *   home.firstload.kb  the JavaScript the home page loads on a first visit (empty cache): every script response's
 *                      body, gzip-compressed here (zlib level 6), summed. The bytes sent are in the note.
 *   home.lcp.ms        Largest Contentful Paint of `/`, read from a buffered PerformanceObserver once the page is
 *                      idle; median of 5 first visits (a fresh browser context each, after one warm-up visit).
 *   track.lcp.ms       the same for the listed track's page.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CID } from 'multiformats/cid';
import { createPublicClient, createWalletClient, getContractAddress, http, parseEther, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Browser } from 'playwright-core';
import { localDevAccounts } from '../lib/chain/dev-accounts';
import { localChain } from '../lib/config/chains';
import { freePort } from '../lib/config/ports';
import { marketAbi, trackCollectionAbi } from '../lib/contracts/abi';
import { readDeployment } from '../lib/contracts/deployment';
import { trackIdOf } from '../lib/contracts/track-id';
import { HeliaStorage } from '../lib/ipfs/helia-storage';
import { contentDigestOfCid } from '../lib/provenance/digest';
import { buildManifest } from '../lib/provenance/manifest';
import { signManifest } from '../lib/provenance/signed-manifest';
import { pinTrack } from '../lib/tracks/track-folder';
import { launchChromium } from '../test/support/chromium';
import { makeMidi, makeWav, manifestParams } from '../test/provenance/fixtures';
import { median, round, type BenchFigure, type BenchModule } from './figure';

const RUNS = 5;
const TITLES = ['Bench Harbour', 'Bench Meadow'];

type Ports = { app: number; anvil: number; pg: number };

async function startPlatform(dataDir: string, ports: Ports): Promise<{ stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      MOTIF_DATA_DIR: dataDir,
      MOTIF_APP_PORT: String(ports.app),
      MOTIF_ANVIL_PORT: String(ports.anvil),
      MOTIF_PG_PORT: String(ports.pg),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Motif is running at')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`npm start exited (${code}) before it was ready:\n${output.slice(-3000)}`)),
    );
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    stop: async () => {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** Pins the bench's track folders into the node's repo (before it starts) and returns their digests. */
async function pinTracks(dataDir: string, collection: Address) {
  const [, creator] = localDevAccounts(2);
  if (!creator) throw new Error('two local dev accounts expected');
  const account = privateKeyToAccount(creator.privateKey);
  const storage = await HeliaStorage.open(path.join(dataDir, 'ipfs'));
  const pinned: { content: `0x${string}`; manifest: `0x${string}` }[] = [];
  try {
    for (const title of TITLES) {
      const wav = makeWav(2);
      const signed = await signManifest({
        manifest: buildManifest(await manifestParams(account.address, wav, makeMidi(), [])),
        chainId: 31337,
        verifyingContract: collection,
        sign: (td) => account.signTypedData(td),
      });
      const folder = await pinTrack(storage, {
        wav,
        midi: makeMidi(),
        signed,
        metadata: { name: title, description: `${title}, a bench fixture.`, genre: 'Ambient', credits: [] },
      });
      pinned.push({ content: contentDigestOfCid(CID.parse(folder.cid)), manifest: signed.manifestDigest });
    }
  } finally {
    await storage.close();
  }
  return { creator, pinned };
}

/** Mints both tracks and lists the first; waits until the home page shows both. Returns the listed track's id. */
async function mintAndList(
  dataDir: string,
  ports: Ports,
  setup: Awaited<ReturnType<typeof pinTracks>>,
): Promise<bigint> {
  const chain = localChain(`http://127.0.0.1:${ports.anvil}`);
  const publicClient = createPublicClient({ chain, transport: http() });
  const wallet = createWalletClient({
    chain,
    transport: http(),
    account: privateKeyToAccount(setup.creator.privateKey),
  });
  const deployment = readDeployment(path.join(dataDir, 'deployments', '31337.json'));
  const collection = deployment.contracts.TrackCollection.address as Address;
  const market = deployment.contracts.Market.address as Address;
  const send = async (hash: Promise<`0x${string}`>) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== 'success') throw new Error(`bench set-up transaction ${receipt.transactionHash} reverted`);
  };
  for (const p of setup.pinned)
    await send(
      wallet.writeContract({
        address: collection,
        abi: trackCollectionAbi,
        functionName: 'mint',
        args: [setup.creator.address, p.content, p.manifest, setup.creator.address, 500, 6],
      }),
    );
  await send(
    wallet.writeContract({
      address: collection,
      abi: trackCollectionAbi,
      functionName: 'setApprovalForAll',
      args: [market, true],
    }),
  );
  const listed = trackIdOf(setup.creator.address, setup.pinned[0]!.content);
  const expiry = (await publicClient.getBlock()).timestamp + 86_400n;
  await send(
    wallet.writeContract({
      address: market,
      abi: marketAbi,
      functionName: 'list',
      args: [collection, listed, parseEther('0.1'), expiry],
    }),
  );
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const html = await (await fetch(`http://127.0.0.1:${ports.app}/`)).text();
    if (TITLES.every((t) => html.includes(t)) && html.includes('For sale now')) return listed;
    if (Date.now() > deadline) throw new Error('the home page never showed the bench tracks');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** One first visit in a fresh context: the page's LCP and the scripts it loaded (raw and gzip bytes). */
async function firstVisit(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const scripts: Promise<{ raw: number; gz: number; sent: number }>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push(
        Promise.all([response.body(), response.request().sizes()]).then(([body, sizes]) => ({
          raw: body.length,
          gz: gzipSync(body, { level: 6 }).length,
          sent: sizes.responseBodySize,
        })),
      );
    });
    const answer = await page.goto(url, { waitUntil: 'networkidle' });
    if (answer?.status() !== 200) throw new Error(`${url} answered ${answer?.status()}`);
    const lcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            resolve(entries[entries.length - 1]?.startTime ?? -1);
          }).observe({ type: 'largest-contentful-paint', buffered: true });
        }),
    );
    if (lcp < 0) throw new Error(`no largest-contentful-paint entry for ${url}`);
    const sizes = await Promise.all(scripts);
    return {
      lcp,
      count: sizes.length,
      raw: sizes.reduce((a, s) => a + s.raw, 0),
      gz: sizes.reduce((a, s) => a + s.gz, 0),
      sent: sizes.reduce((a, s) => a + s.sent, 0),
    };
  } finally {
    await context.close();
  }
}

export const homeBench: BenchModule = {
  title: 'Home and track pages (headless Chromium)',
  async run(): Promise<BenchFigure[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'motif-bench-home-'));
    await chmod(dir, 0o755);
    const dataDir = path.join(dir, 'data');
    const ports = { app: await freePort(), anvil: await freePort(), pg: await freePort() };
    const [deployer] = localDevAccounts(1);
    if (!deployer) throw new Error('a local dev account expected');
    // npm start deploys TrackCollection as the deployer's first transaction: the manifests are bound to it.
    const setup = await pinTracks(dataDir, getContractAddress({ from: deployer.address, nonce: 0n }));
    const platform = await startPlatform(dataDir, ports);
    const browser = await launchChromium();
    try {
      const base = `http://localhost:${ports.app}`;
      const tokenId = await mintAndList(dataDir, ports, setup);
      const trackUrl = `${base}/tracks/${tokenId}`;
      await firstVisit(browser, `${base}/`); // warm-up: the server's first render of each route
      await firstVisit(browser, trackUrl);
      const home = [];
      const track = [];
      for (let i = 0; i < RUNS; i++) {
        home.push(await firstVisit(browser, `${base}/`));
        track.push(await firstVisit(browser, trackUrl));
      }
      const load = home[0]!;
      return [
        {
          name: 'home.firstload.kb',
          value: round(load.gz / 1024, 1),
          unit: 'KB gz',
          goal: '<= 200 KB gz',
          note: `${load.count} scripts, ${round(load.raw / 1024, 1)} KB raw, gzip level 6 here; ${round(load.sent / 1024, 1)} KB sent by the server`,
        },
        {
          name: 'home.lcp.ms',
          value: Math.round(median(home.map((v) => v.lcp))),
          unit: 'ms',
          goal: '<= 1,500 ms',
          note: `median of ${RUNS} first visits, 1280x800, local platform`,
        },
        {
          name: 'track.lcp.ms',
          value: Math.round(median(track.map((v) => v.lcp))),
          unit: 'ms',
          goal: '<= 1,500 ms',
          note: `median of ${RUNS} first visits to a listed track's page, 1280x800, local platform`,
        },
      ];
    } finally {
      await browser.close();
      await platform.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
