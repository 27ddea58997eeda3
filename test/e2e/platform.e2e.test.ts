/**
 * The README's promise, end to end: `npm start` brings every component up on this machine, the status page (linked
 * from the home page's footer) shows them green in Chromium, the gateway streams pinned audio with ranges, Ctrl-C stops every process, and a second start
 * keeps all data. Also the failure modes a newcomer meets first: a busy port, a damaged data folder, a bad setting.
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createWalletClient, createPublicClient, http, keccak256, parseEther, toHex } from 'viem';
import { trackCollectionAbi } from '../../lib/contracts/abi';
import { readDeployment } from '../../lib/contracts/deployment';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { localChain } from '../../lib/config/chains';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { SHIPPED_MODELS } from '../../lib/generation/models/registry';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { assertPortFree, freePort } from '../../lib/config/ports';
import { launchChromium } from '../support/chromium';
import { pollUntil } from '../support/limits';
import { pressCtrlC, runStartScript } from '../support/start-process';

/** A real 0.5 s 44.1 kHz 16-bit stereo WAV of a 440 Hz tone. */
function sineWav(): Uint8Array {
  const rate = 44_100,
    frames = rate / 2,
    channels = 2,
    bytes = frames * channels * 2;
  const buf = Buffer.alloc(44 + bytes);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + bytes, 4);
  buf.write('WAVE', 8);
  buf.write('fmt ', 12);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(channels, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * channels * 2, 28);
  buf.writeUInt16LE(channels * 2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(bytes, 40);
  for (let i = 0; i < frames; i++) {
    const v = Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 12_000);
    buf.writeInt16LE(v, 44 + i * 4);
    buf.writeInt16LE(v, 46 + i * 4);
  }
  return new Uint8Array(buf);
}

let dir: string;
let env: Record<string, string>;
let browser: Browser;
let audioCid: string;
const wav = sineWav();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-e2e-platform-'));
  await chmod(dir, 0o755);
  env = {
    MOTIF_DATA_DIR: path.join(dir, 'data'),
    MOTIF_APP_PORT: String(await freePort()),
    MOTIF_ANVIL_PORT: String(await freePort()),
    MOTIF_PG_PORT: String(await freePort()),
    MOTIF_DEMO: 'off', // an empty catalogue (the demo seed has its own test: demo.e2e.test.ts)
  };
  // Content pinned before the app starts, as an earlier session's mint would have left it.
  const storage = await HeliaStorage.open(path.join(env.MOTIF_DATA_DIR!, 'ipfs'));
  audioCid = (await storage.addFolder([{ path: 'track.wav', content: wav }])).cid.toString();
  await storage.close();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

type Health = {
  ok: boolean;
  components: Record<string, { ok: boolean; detail: string; data?: Record<string, unknown> }>;
};
const healthOf = async () =>
  (await (await fetch(`http://127.0.0.1:${env.MOTIF_APP_PORT}/api/health`)).json()) as Health;
const until = (what: string, check: () => Promise<boolean>) => pollUntil(what, () => check().catch(() => false));
/** This test's process whose command line matches (found as an operator would, in /proc; other runs' are skipped). */
async function pidOf(match: (args: string[]) => boolean): Promise<number> {
  for (const name of (await readdir('/proc')).filter((n) => /^\d+$/.test(n))) {
    const args = await readFile(`/proc/${name}/cmdline`, 'utf8').then(
      (c) => c.split('\0'),
      () => [],
    );
    const environ = await readFile(`/proc/${name}/environ`, 'utf8').catch(() => '');
    if (match(args) && environ.split('\0').includes(`MOTIF_DATA_DIR=${env.MOTIF_DATA_DIR}`)) return Number(name);
  }
  throw new Error('no such process');
}

/** The last line `npm start` wrote to its log: how the run ended. */
const lastLogLine = async () =>
  (await readFile(path.join(env.MOTIF_DATA_DIR!, 'logs', 'platform.log'), 'utf8')).trimEnd().split('\n').at(-1);

describe('npm start', () => {
  const recipient = privateKeyToAccount(generatePrivateKey()).address;

  it('brings up every component, one line each in order, then the URL; the status page (linked from the home page footer) shows them green', async () => {
    const started = runStartScript(env);
    await started.ready;
    const lines = started
      .output()
      .split('\n')
      .filter((l) => l.startsWith('✔'));
    expect(lines.map((l) => l.split(/\s+/)[1])).toEqual([
      'chain',
      'contracts',
      'database',
      'ipfs',
      'seed',
      'indexer',
      'app',
    ]);
    expect(started.output()).toContain('health all green');
    expect(started.output()).toContain(`Motif is running at http://localhost:${env.MOTIF_APP_PORT}`);

    const base = `http://localhost:${env.MOTIF_APP_PORT}`;
    const page = await browser.newPage();
    await page.goto(base);
    // The printed URL opens the home page; its footer leads to the component status.
    await Promise.all([
      page.waitForURL(`${base}/status`),
      page.getByRole('navigation', { name: 'Footer' }).getByRole('link', { name: 'Platform status' }).click(),
    ]);
    await expect(page.getByRole('status').textContent()).resolves.toBe('All components are running.');
    const states = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(states).toEqual(['OK', 'OK', 'OK', 'OK', 'OK']); // chain, contracts, database, ipfs, indexer
    // Contract -> generated ABI -> wagmi hook, read in the browser from the chain.
    await expect(page.getByTestId('collection-summary').textContent()).resolves.toMatch(
      /^CollectionMotif Tracks \(MOTIF\) at 0x[0-9a-fA-F]{40}Royalty cap\d+(\.\d+)?%$/,
    );
    await page.reload(); // a fresh load, so the first Tab starts from the top of the document
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');

    // The gateway: a range of the pinned WAV, and Chromium's own <audio> element decoding it through the route.
    const range = await page.evaluate(async (url) => {
      const res = await fetch(url, { headers: { Range: 'bytes=0-11' } });
      return {
        status: res.status,
        contentRange: res.headers.get('content-range'),
        text: new TextDecoder().decode(await res.arrayBuffer()),
      };
    }, `/ipfs/${audioCid}/track.wav`);
    expect(range).toEqual({
      status: 206,
      contentRange: `bytes 0-11/${wav.length}`,
      text: 'RIFF' + new TextDecoder().decode(wav.slice(4, 8)) + 'WAVE',
    });
    const duration = await page.evaluate(async (url) => {
      const audio = new Audio(url);
      await new Promise((resolve, reject) => {
        audio.onloadedmetadata = resolve;
        audio.onerror = () => reject(new Error('audio error'));
      });
      return audio.duration;
    }, `/ipfs/${audioCid}/track.wav`);
    expect(duration).toBeCloseTo(0.5, 2);
    await page.close();

    // The shipped weights, pinned at start, under the CIDs generation manifests record: byte for byte public/models.
    for (const model of SHIPPED_MODELS) {
      for (const file of model.files) {
        const res = await fetch(`${base}/ipfs/${model.weightsCid}/${file.path}`);
        expect(res.status).toBe(200);
        expect(
          Buffer.from(await res.arrayBuffer()).equals(await readFile(path.join('public', model.urlPath, file.path))),
        ).toBe(true);
      }
    }

    // A transaction the restart must keep.
    const chain = localChain(`http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`);
    const wallet = createWalletClient({
      chain,
      transport: http(),
      account: privateKeyToAccount(localDevAccounts(2)[1]!.privateKey),
    });
    const publicClient = createPublicClient({ chain, transport: http() });
    await publicClient.waitForTransactionReceipt({
      hash: await wallet.sendTransaction({ to: recipient, value: parseEther('1.5') }),
    });

    // A mint, which the running indexer must pick up live.
    const deployment = readDeployment(path.join(env.MOTIF_DATA_DIR!, 'deployments', '31337.json'));
    await publicClient.waitForTransactionReceipt({
      hash: await wallet.writeContract({
        address: deployment.contracts.TrackCollection.address,
        abi: trackCollectionAbi,
        functionName: 'mint',
        args: [
          wallet.account.address,
          keccak256(toHex('e2e content')),
          keccak256(toHex('e2e manifest')),
          wallet.account.address,
          750,
          6,
        ],
      }),
    });
    const sql = new pg.Client({
      connectionString: `postgresql://postgres:postgres@127.0.0.1:${env.MOTIF_PG_PORT}/motif`,
    });
    await sql.connect();
    let indexed = 0;
    await pollUntil('the mint in the Track table', async () => {
      indexed = (await sql.query('SELECT count(*)::int AS n FROM "Track" WHERE "royaltyBps" = 750')).rows[0].n;
      return indexed > 0;
    });
    await sql.end();
    expect(indexed).toBe(1);

    pressCtrlC(started);
    expect(await started.exited).toBe(0);
    expect(started.output()).toContain('Stopped.');
    for (const port of [env.MOTIF_APP_PORT, env.MOTIF_ANVIL_PORT, env.MOTIF_PG_PORT])
      await expect(assertPortFree(Number(port), 'x')).resolves.toBeUndefined();
  });

  it('keeps the chain, contracts, database and IPFS content across a restart', async () => {
    const started = runStartScript(env);
    await started.ready;
    expect(started.output()).toMatch(/✔ contracts found TrackCollection, SplitMain, Market/);
    const publicClient = createPublicClient({
      chain: localChain(`http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`),
      transport: http(),
    });
    expect(await publicClient.getBalance({ address: recipient })).toBe(parseEther('1.5'));
    const sql = new pg.Client({
      connectionString: `postgresql://postgres:postgres@127.0.0.1:${env.MOTIF_PG_PORT}/motif`,
    });
    await sql.connect();
    expect((await sql.query('SELECT count(*)::int AS n FROM "Profile"')).rows[0].n).toBe(10);
    expect((await sql.query('SELECT count(*)::int AS n FROM "Track"')).rows[0].n).toBe(1);
    // A transaction the indexer recorded as lost (lib/indexer/lost-transactions.test.ts makes real ones) is told on
    // /activity to the account it named.
    const lostHash = `0x${'ab'.repeat(32)}`;
    await sql.query(
      `INSERT INTO "LostTransaction" ("chainId", "txHash", "blockNumber", "events", "accounts") VALUES (31337, $1, 42, $2, $3)`,
      [
        lostHash,
        JSON.stringify([{ contract: 'TrackCollection', name: 'TrackMinted', tokenId: '7' }]),
        [recipient.toLowerCase()],
      ],
    );
    const activity = await (await fetch(`http://127.0.0.1:${env.MOTIF_APP_PORT}/activity`)).text();
    expect(activity).toContain('Lost transactions');
    expect(activity).toContain('TrackMinted (token 7) by');
    expect(activity).toContain(`${lostHash.slice(0, 6)}…${lostHash.slice(-4)}`);
    await sql.end();
    const res = await fetch(`http://127.0.0.1:${env.MOTIF_APP_PORT}/ipfs/${audioCid}/track.wav`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(wav);
    const health = await healthOf();
    expect(health.ok).toBe(true);
    expect(health.components.indexer).toMatchObject({ ok: true, data: { state: 'running' } });

    // Children killed under the running platform: each is restarted, the console says so, health is green again.
    process.kill(
      await pidOf((a) => path.basename(a[0] ?? '') === 'anvil' && a.includes(env.MOTIF_ANVIL_PORT!)),
      'SIGKILL',
    );
    await started.waitFor('chain died (anvil exited (signal SIGKILL))');
    await started.waitFor('chain restarted (restart 1 since start)');
    const postmaster = Number(
      (await readFile(path.join(env.MOTIF_DATA_DIR!, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    process.kill(postmaster, 'SIGKILL');
    await started.waitFor('database died (PostgreSQL');
    await started.waitFor('database restarted (restart 1 since start)');
    process.kill(await pidOf((a) => (a[0] ?? '').startsWith('next-server')), 'SIGKILL');
    await started.waitFor('app died (the web app exited');
    await started.waitFor('app restarted (restart 1 since start)');
    await until('health green after the restarts', async () => (await healthOf()).ok);
    expect(await publicClient.getBalance({ address: recipient })).toBe(parseEther('1.5'));
    pressCtrlC(started);
    expect(await started.exited).toBe(0);
    expect(started.output()).toContain('Stopped.');
    expect(await lastLogLine()).toMatch(/ \[start\] stopped by SIGINT \(exit 0\)$/);
  });

  it('Ctrl-C while starting stops what has started, exits 130 and frees every port; the next start has all the data', async () => {
    const interrupted = runStartScript(env);
    await interrupted.waitFor('✔ contracts');
    pressCtrlC(interrupted);
    expect(await interrupted.exited).toBe(130);
    expect(interrupted.output()).toContain('SIGINT: stopping what has started so far');
    expect(interrupted.output()).toContain('Stopped before Motif was ready.');
    expect(interrupted.output()).not.toContain('Motif is running at');
    expect(await lastLogLine()).toMatch(/ \[start\] stopped by SIGINT before Motif was ready \(exit 130\)$/);
    for (const port of [env.MOTIF_APP_PORT, env.MOTIF_ANVIL_PORT, env.MOTIF_PG_PORT])
      await expect(assertPortFree(Number(port), 'x')).resolves.toBeUndefined();

    const started = runStartScript(env);
    await started.ready;
    const publicClient = createPublicClient({
      chain: localChain(`http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`),
      transport: http(),
    });
    expect(await publicClient.getBalance({ address: recipient })).toBe(parseEther('1.5'));
    pressCtrlC(started);
    expect(await started.exited).toBe(0);
  });

  it('names the busy port and the variable that changes it, starting nothing', async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const started = runStartScript({ ...env, MOTIF_APP_PORT: String(port) });
      expect(await started.exited).toBe(1);
      expect(started.output()).toContain(`Port ${port} is already in use`);
      expect(started.output()).toContain('set MOTIF_APP_PORT to another port');
      expect(started.output()).not.toContain('✔ chain');
      expect(await lastLogLine()).toMatch(
        new RegExp(` \\[start\\] could not start: Port ${port} is already in use.* \\(exit 1\\)$`),
      );
    } finally {
      blocker.close();
    }
  });

  it('refuses a damaged chain state file with a clear message and leaves it untouched', async () => {
    const damagedDir = path.join(dir, 'damaged');
    await mkdir(path.join(damagedDir, 'chain'), { recursive: true });
    const statePath = path.join(damagedDir, 'chain', 'anvil-state.json');
    await writeFile(statePath, '{"block": trunc');
    const started = runStartScript({ ...env, MOTIF_DATA_DIR: damagedDir });
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(/chain state file .* looks damaged .*Nothing was deleted/);
    expect(await readFile(statePath, 'utf8')).toBe('{"block": trunc');
  });

  it('a truncated IPFS pack is moved aside at start: the rest starts, the start says so, health names what was lost', async () => {
    const storage = await HeliaStorage.open(path.join(env.MOTIF_DATA_DIR!, 'ipfs'));
    await storage.addBytes(new TextEncoder().encode('content whose pack a crash cut short'));
    await storage.close();
    const packs = path.join(env.MOTIF_DATA_DIR!, 'ipfs', 'packs');
    const damaged = (await readdir(packs))
      .filter((n) => n.endsWith('.pack'))
      .sort()
      .at(-1)!;
    await truncate(path.join(packs, damaged), 100);

    const started = runStartScript(env);
    await started.ready;
    expect(started.output()).toContain(`IPFS pack ${damaged} is damaged (no pack trailer)`);
    expect(started.output()).toMatch(/✔ ipfs .*; 1 damaged pack quarantined \(see \/api\/health\)/);
    const health = await healthOf();
    expect(health.components.ipfs).toMatchObject({
      ok: false,
      detail: expect.stringContaining(`${damaged} (blocks unknown; no pack trailer)`),
    });
    expect(await readdir(path.join(packs, 'quarantine'))).toContain(damaged); // moved, not deleted
    const res = await fetch(`http://127.0.0.1:${env.MOTIF_APP_PORT}/ipfs/${audioCid}/track.wav`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(wav); // the other packs are in use
    pressCtrlC(started);
    expect(await started.exited).toBe(0);
  });

  it('reports each invalid setting by name', async () => {
    const started = runStartScript({ ...env, MOTIF_APP_PORT: 'abc', KUBO_RPC_URL: 'not a url' });
    expect(await started.exited).toBe(2);
    expect(started.output()).toContain('MOTIF_APP_PORT must be a port number');
    expect(started.output()).toContain('KUBO_RPC_URL must be a URL');
  });
});
