/**
 * Labels end to end on the local platform from `npm start`, in Chromium with local dev account #3 (the label)
 * signed in with SIWE: create a label, invite dev #4 as manager, create a split from the dashboard (bad input first:
 * refused with clear errors, nothing sent), mint two tracks paying royalties into it (viem, in the test), resales via
 * the Market, distribute and withdraw from the dashboard, download the CSV statement and check it against the chain's
 * events (rows and sum), then change the split on-chain behind the page's back: the page refuses to send.
 */
import path from 'node:path';
import {
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  parseEther,
  toHex,
  type Address,
  type Hex,
} from 'viem';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { localChain } from '../../lib/config/chains';
import { marketAbi, splitMainAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { readDeployment } from '../../lib/contracts/deployment';
import { trackIdOf } from '../../lib/contracts/track-id';
import { startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from '../support/browser-platform';
import { pollUntil } from '../support/limits';
import { connectDevWallet, waitForSuccess } from '../support/page-actions';
import { CHECK_WIDTHS, checkPageState } from '../support/page-check';

const dev = localDevAccounts(7);
const creator = dev[1]!.address;
const label = dev[3]!.address;
const manager = dev[4]!.address;
const payee = dev[5]!.address;
const buyer = dev[6]!.address;

let platform: BrowserPlatform | undefined;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
let addresses: { TrackCollection: Address; Market: Address; SplitMain: Address };
let publicClient: ReturnType<typeof createPublicClient>;
let wallet: ReturnType<typeof createWalletClient>;
let labelUrl: string;
let split: Address;
const tokenIds: bigint[] = [];

type Call = {
  address: Address;
  abi: readonly unknown[];
  functionName: string;
  args: readonly unknown[];
  value?: bigint;
};

async function send(from: Address, call: Call): Promise<Hex> {
  // dev accounts are unlocked on anvil: the node signs (eth_sendTransaction)
  const hash = await wallet.writeContract({ ...call, account: from, chain: null } as never);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
  return hash;
}

beforeAll(async () => {
  platform = await startBrowserPlatform('labels');
  ({ browser, base } = platform);
  const env = platform.env;
  const chain = localChain(`http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`);
  publicClient = createPublicClient({ chain, transport: http() });
  wallet = createWalletClient({ chain, transport: http() });
  const d = readDeployment(path.join(env.MOTIF_DATA_DIR, 'deployments', '31337.json'));
  addresses = {
    TrackCollection: d.contracts.TrackCollection.address,
    Market: d.contracts.Market.address,
    SplitMain: d.contracts.SplitMain.address,
  };
  context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await stopBrowserPlatform(platform);
});

const until = (check: () => Promise<boolean>, what: string) => pollUntil(what, check);

const nonce = () => publicClient.getTransactionCount({ address: label });

describe('a label in Chromium: splits, earnings, statement', () => {
  it('signs in as dev #3 with SIWE, creates a label and invites dev #4 as manager', async () => {
    await page.goto(`${base}/labels`);
    await connectDevWallet(page, 3, label);
    expect(await page.evaluate(async () => (await fetch('/api/labels')).status)).toBe(401);
    await page.getByRole('button', { name: 'Sign in with Ethereum' }).click();
    await page.getByLabel('Label name').fill('North Sea Records');
    await page.getByRole('button', { name: 'Create label' }).click();
    await page.getByRole('link', { name: 'Open the label' }).click();
    await page.getByRole('heading', { name: 'North Sea Records' }).waitFor();
    labelUrl = page.url();
    await page.getByRole('tab', { name: 'Members' }).click();
    await page.waitForURL(/\?tab=members$/);
    await page.getByLabel('Member address').fill(manager);
    await page.getByLabel('Role', { exact: true }).selectOption('manager');
    await page.getByRole('button', { name: 'Invite member' }).click();
    const members = page.getByRole('table', { name: 'Members and roles' });
    // By profile name (the local seed names the dev accounts), the full address behind its copy button.
    const row = members.getByRole('row').filter({ has: page.getByRole('button', { name: `Copy address ${manager}` }) });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('manager');
    await expect(row.textContent()).resolves.toContain(`Local ${dev[4]!.role} #4 (dev key)`);
    await expect(row.textContent()).resolves.not.toContain(manager);
  });

  it('refuses a bad split with clear errors and sends nothing; creates a good one from the dashboard', async () => {
    const before = await nonce();
    await page.getByRole('tab', { name: 'Splits' }).click();
    const form = page.getByRole('form', { name: 'Create a split for a release' });
    await form.getByLabel('Payee 1 address').fill(label);
    await form.getByLabel('Payee 1 share (%)').fill('60');
    await form.getByLabel('Payee 2 address').fill(label.toLowerCase());
    await form.getByLabel('Payee 2 share (%)').fill('30');
    await form.getByRole('button', { name: 'Create split' }).click();
    const problems = form.getByRole('list', { name: 'Problems with the split' });
    await expect(problems.textContent()).resolves.toContain('is already payee 1; list each payee once');
    await expect(problems.textContent()).resolves.toContain('Shares add up to 90%; they must add up to exactly 100%');
    await form.getByLabel('Payee 2 address').fill('0x1234');
    await form.getByLabel('Payee 2 share (%)').fill('40');
    await form.getByRole('button', { name: 'Create split' }).click();
    await expect(problems.textContent()).resolves.toContain('Payee 2: "0x1234" is not a valid address');
    expect(await nonce()).toBe(before);

    await form.getByLabel('Payee 2 address').fill(payee);
    await form.getByRole('button', { name: 'Create split' }).click();
    const created = form.getByText('Split created at');
    await created.waitFor();
    split = (await created.locator('code').textContent()) as Address;
    expect(
      await publicClient.readContract({
        address: addresses.SplitMain,
        abi: splitMainAbi,
        functionName: 'controllerOf',
        args: [split],
      }),
    ).toBe(label);
  });

  it('mints two tracks paying into the split the label controls: added by creator directly; resales on the Market', async () => {
    for (const n of [1, 2]) {
      const content = keccak256(toHex(`labels e2e ${n} ${Date.now()}`));
      tokenIds.push(trackIdOf(label, content));
      await send(label, {
        address: addresses.TrackCollection,
        abi: trackCollectionAbi,
        functionName: 'mint',
        args: [label, content, keccak256(toHex(`manifest ${n}`)), split, 1000, 6],
      });
    }
    // The indexer may take the two mints in different batches: an early answer adds the first only, and the next
    // then says 'already' for it. Each track's first outcome is the one that counts.
    const firstOutcome = new Map<string, string>();
    await until(async () => {
      const answer = await page.evaluate(
        async ([url, who]) => {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ creator: who }),
          });
          return {
            status: res.status,
            body: (await res.json()) as { results?: { tokenId: string; outcome: string }[] },
          };
        },
        [`/api/labels/${labelUrl.split('/').pop()}/catalogue`, label] as const,
      );
      if (answer.status === 201)
        for (const r of answer.body.results ?? [])
          if (!firstOutcome.has(r.tokenId)) firstOutcome.set(r.tokenId, r.outcome);
      return firstOutcome.size === 2;
    }, 'the mints in the indexer');
    // The split's on-chain controller is dev #3, who founded the label: no request, straight into the catalogue.
    expect(tokenIds.map((id) => firstOutcome.get(id.toString()))).toEqual(['added', 'added']);
    // Resales: each track listed by the label and bought by dev #6 (10% royalty to the split); the Market holds the
    // split's royalties as credits until someone collects them (the dashboard, below).
    for (const [i, tokenId] of tokenIds.entries()) {
      const price = parseEther(i === 0 ? '1' : '0.5');
      await send(label, {
        address: addresses.TrackCollection,
        abi: trackCollectionAbi,
        functionName: 'approve',
        args: [addresses.Market, tokenId],
      });
      const expiry = (await publicClient.getBlock()).timestamp + 86_400n;
      await send(label, {
        address: addresses.Market,
        abi: marketAbi,
        functionName: 'list',
        args: [addresses.TrackCollection, tokenId, price, expiry],
      });
      await send(buyer, {
        address: addresses.Market,
        abi: marketAbi,
        functionName: 'buy',
        args: [addresses.TrackCollection, tokenId],
        value: price,
      });
    }
    expect(
      await publicClient.readContract({
        address: addresses.Market,
        abi: marketAbi,
        functionName: 'creditsOf',
        args: [split],
      }),
    ).toBe(parseEther('0.15'));
    expect(await publicClient.getBalance({ address: split })).toBe(0n);
  });

  it('asks a creator for their track: not in the catalogue until the creator (dev #1, signed in) accepts', async () => {
    const content = keccak256(toHex(`labels e2e consent ${Date.now()}`));
    const tokenId = trackIdOf(creator, content);
    // Royalties to the creator's own address: no split, so nothing the label controls.
    await send(creator, {
      address: addresses.TrackCollection,
      abi: trackCollectionAbi,
      functionName: 'mint',
      args: [creator, content, keccak256(toHex('manifest consent')), creator, 500, 1],
    });
    await until(
      async () => (await page.evaluate(async (url) => (await fetch(url)).status, `/tracks/${tokenId}`)) === 200,
      'the creator track in the indexer',
    );
    await page.goto(`${labelUrl}?tab=catalogue`);
    await page.getByLabel('Token id or creator address').fill(tokenId.toString());
    await page.getByRole('button', { name: 'Add or request' }).click();
    await waitForSuccess(page, '1 requested: waiting for the creator to accept');
    const inCatalogue = page
      .getByRole('list', { name: 'Tracks in the catalogue' })
      .locator(`[data-token-id="${tokenId}"]`);
    const waiting = page
      .getByRole('list', { name: 'Requests waiting for creators' })
      .locator(`[data-token-id="${tokenId}"]`);
    await waiting.waitFor();
    expect(await inCatalogue.count()).toBe(0);

    const creatorContext = await browser.newContext();
    try {
      const c = await creatorContext.newPage();
      await c.goto(`${base}/labels`);
      await connectDevWallet(c, 1, creator);
      await c.getByRole('button', { name: 'Sign in with Ethereum' }).click();
      const accept = c.getByRole('button', { name: /^Accept North Sea Records’s request for / });
      await accept.waitFor();
      // A label member cannot decide for the creator: the label's own session is refused.
      const requestId = await c.evaluate(async () => {
        const r = (await (await fetch('/api/labels/requests')).json()) as { requests: { id: string }[] };
        return r.requests[0]!.id;
      });
      const byLabel = await page.evaluate(
        async (url) =>
          (
            await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ decision: 'accept' }),
            })
          ).status,
        `/api/labels/requests/${requestId}`,
      );
      expect(byLabel).toBe(404);
      await accept.click();
      await waitForSuccess(c, 'accepted, now in the catalogue');
    } finally {
      await creatorContext.close();
    }
    await until(async () => (await inCatalogue.count()) === 1, 'the accepted track in the catalogue');
    expect(await waiting.count()).toBe(0);
    await page.getByRole('tab', { name: 'Audit log' }).click();
    const log = page.getByRole('list', { name: 'Who did what, newest first' });
    const creatorName = `Local ${dev[1]!.role} #1 (dev key)`;
    await log.getByText(`${creatorName} accepted the request for token`).waitFor();
    await expect(log.textContent()).resolves.toContain(`asked ${creatorName} to add token`);
  });

  it('counts the Market-held royalties as pending and collects them from the dashboard', async () => {
    await page.goto(`${labelUrl}?tab=earnings`);
    const pending = page.getByTestId('pending-distribution-ETH');
    const pendingText = () => pending.textContent().catch(() => '');
    await until(
      async () => (await pendingText())?.includes('0.15 ETH') ?? false,
      'the Market credits in the pending figure',
    );
    const collect = page.getByRole('button', { name: `Collect market royalties of split ${split}` });
    await until(async () => (await collect.count()) > 0 && (await collect.isEnabled()), 'the collect button');
    expect(await page.getByRole('button', { name: `Distribute ETH of split ${split}` }).isEnabled()).toBe(false); // nothing in the wallet yet
    await collect.click();
    await page.getByText(/Collect market royalties of .*: confirmed\./).waitFor();
    expect(
      await publicClient.readContract({
        address: addresses.Market,
        abi: marketAbi,
        functionName: 'creditsOf',
        args: [split],
      }),
    ).toBe(0n);
    expect(await publicClient.getBalance({ address: split })).toBe(parseEther('0.15'));
    // Still pending, now in the split wallet; the collect button is spent.
    await until(
      async () => (await collect.isDisabled()) && ((await pendingText())?.includes('0.15 ETH') ?? false),
      'the collected royalties in the split wallet',
    );
  });

  it('distributes and withdraws from the dashboard', async () => {
    await page.reload();
    const distribute = page.getByRole('button', { name: `Distribute ETH of split ${split}` });
    await until(async () => (await distribute.count()) > 0 && (await distribute.isEnabled()), 'the pending balance');
    await distribute.click();
    await page.getByText(/Distribute ETH of .*: confirmed\./).waitFor();
    expect(await publicClient.getBalance({ address: split })).toBe(0n);
    await until(
      async () => ((await page.getByTestId('pending-distribution-ETH').textContent()) ?? '').includes(': 0 ETH'),
      'nothing pending after the distribution',
    );
    const credited = await publicClient.readContract({
      address: addresses.SplitMain,
      abi: splitMainAbi,
      functionName: 'balanceOf',
      args: [payee, '0x0000000000000000000000000000000000000000'],
    });
    expect(credited).toBe(parseEther('0.06'));
    const withdraw = page.getByRole('button', { name: `Withdraw for ${payee}` });
    await until(async () => (await withdraw.count()) > 0 && (await withdraw.isEnabled()), 'the payee credit');
    const before = await publicClient.getBalance({ address: payee });
    await withdraw.click();
    await page.getByText(/Withdraw for .*: confirmed\./).waitFor();
    expect((await publicClient.getBalance({ address: payee })) - before).toBe(parseEther('0.06'));
    // The chart (Chartist SVG) and its numbers as text.
    await page.getByTestId('earnings-chart').locator('svg').waitFor();
    await expect(page.getByRole('table', { name: 'Earnings over time (ETH)' }).textContent()).resolves.toContain(
      '0.15',
    );
  });

  it('downloads a CSV statement whose rows and sum equal the chain events exactly', async () => {
    const day = new Date().toISOString().slice(0, 10);
    await page.getByLabel('From', { exact: true }).fill(day);
    await page.getByLabel('To', { exact: true }).fill(day);
    const link = page.getByRole('link', { name: 'Download CSV statement' });
    // The statement follows the indexer: wait until it has seen the withdrawal.
    let csv = '';
    await until(async () => {
      csv = await page.evaluate(async (href) => (await fetch(href)).text(), (await link.getAttribute('href'))!);
      return csv.includes(',withdrawal,');
    }, 'the withdrawal in the statement');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`statement-${day}-to-${day}.csv`);
    const rows = csv
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    const got = rows
      .map(
        ([, , txHash, logIndex, kind, tokenId, , account, asset, amount]) =>
          `${kind} ${txHash}:${logIndex} ${tokenId} ${account?.toLowerCase()} ${asset} ${amount}`,
      )
      .sort();

    const sales = (
      await publicClient.getContractEvents({
        address: addresses.Market,
        abi: marketAbi,
        eventName: 'Sale',
        fromBlock: 0n,
      })
    ).filter((e) => tokenIds.includes(e.args.tokenId!));
    const dists = (
      await publicClient.getContractEvents({
        address: addresses.SplitMain,
        abi: splitMainAbi,
        eventName: 'Distributed',
        fromBlock: 0n,
      })
    ).filter((e) => e.args.split === split);
    const withdrawals = (
      await publicClient.getContractEvents({
        address: addresses.SplitMain,
        abi: splitMainAbi,
        eventName: 'Withdrawal',
        fromBlock: 0n,
      })
    ).filter((e) => e.args.account === payee || e.args.account === label);
    const want = [
      ...sales.map(
        (e) =>
          `resale-royalty ${e.transactionHash}:${e.logIndex} ${e.args.tokenId} ${split.toLowerCase()} ETH ${e.args.royalty}`,
      ),
      ...dists.flatMap((e) => [
        `distribution ${e.transactionHash}:${e.logIndex}  ${split.toLowerCase()} ETH ${e.args.amount}`,
        // What SplitMain credited each payee, as its event records it (the statement must show exactly that).
        ...e.args.accounts!.map(
          (a, i) => `payee-credit ${e.transactionHash}:${e.logIndex}  ${a.toLowerCase()} ETH ${e.args.credits![i]}`,
        ),
      ]),
      ...withdrawals.map(
        (e) => `withdrawal ${e.transactionHash}:${e.logIndex}  ${e.args.account!.toLowerCase()} ETH ${e.args.amount}`,
      ),
    ].sort();
    expect(got).toEqual(want);
    const sum = (kind: string) => rows.filter((r) => r[4] === kind).reduce((a, r) => a + BigInt(r[9]!), 0n);
    expect(sum('resale-royalty')).toBe(sales.reduce((a, e) => a + e.args.royalty!, 0n));
    expect(sum('resale-royalty')).toBe(parseEther('0.15'));
    expect(sum('payee-credit')).toBe(sum('distribution'));
    expect(sum('withdrawal')).toBe(parseEther('0.06'));
  });

  it('refuses to change a split that was changed on-chain behind its back, sending nothing', async () => {
    await page.goto(`${labelUrl}?tab=splits`);
    const card = page.getByRole('region', { name: `Split ${split}` });
    await until(async () => !(await card.textContent())?.includes('reading…'), 'the on-chain split state');
    const [a0, a1] = label.toLowerCase() < payee.toLowerCase() ? [label, payee] : [payee, label];
    await send(label, {
      address: addresses.SplitMain,
      abi: splitMainAbi,
      functionName: 'updateSplit',
      args: [split, [a0, a1], [500_000, 500_000]],
    });
    const before = await nonce();
    await card.getByRole('button', { name: 'Change recipients' }).click();
    await card.getByLabel('Payee 1 share (%)').fill('70');
    await card.getByLabel('Payee 2 share (%)').fill('30');
    await card.getByRole('button', { name: 'Update split' }).click();
    await expect(
      card.getByRole('alert').filter({ hasText: 'changed on-chain by someone else' }).first().textContent(),
    ).resolves.toContain('reload');
    expect(await nonce()).toBe(before);
  });

  it('hands control over in two steps: the owner proposes dev #4, the manager (signed in) accepts; keyboard reachable', async () => {
    await page.reload();
    const card = page.getByRole('region', { name: `Split ${split}` });
    await until(async () => !(await card.textContent())?.includes('reading…'), 'the on-chain split state');
    // The hand-over controls are reachable with Tab.
    await card.getByRole('button', { name: 'Change recipients' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`controller-${split}`);
    await page.keyboard.type(manager);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForSuccess(page, 'Hand control over (step 1 of 2): confirmed.');
    expect(
      await publicClient.readContract({
        address: addresses.SplitMain,
        abi: splitMainAbi,
        functionName: 'pendingControllerOf',
        args: [split],
      }),
    ).toBe(manager);

    const managerContext = await browser.newContext();
    try {
      const m = await managerContext.newPage();
      await m.goto(`${labelUrl}?tab=splits`);
      await connectDevWallet(m, 4, manager);
      await m.getByRole('button', { name: 'Sign in with Ethereum' }).click();
      await m.getByText('Your role: manager').waitFor();
      expect(await m.getByRole('button', { name: 'Invite member' }).count()).toBe(0); // owner tools only for owners
      const accept = m.getByRole('region', { name: `Split ${split}` }).getByRole('button', { name: 'Accept control' });
      await accept.waitFor();
      await accept.click();
      await waitForSuccess(m, 'Accept control (step 2 of 2): confirmed.');
      expect(
        await publicClient.readContract({
          address: addresses.SplitMain,
          abi: splitMainAbi,
          functionName: 'controllerOf',
          args: [split],
        }),
      ).toBe(manager);
      // The page records the action after the transaction confirms: wait for the audit entry rather than race it.
      const auditUrl = `/api/labels/${labelUrl.split('/').pop()}/audit`;
      const readAudit = () =>
        m.evaluate(
          async (url) => (await (await fetch(url)).json()) as { entries: { actor: string; action: string }[] },
          auditUrl,
        );
      await until(
        async () =>
          (await readAudit()).entries.some((e) => e.action === 'split.transferControl' && e.actor === manager),
        'the accept-control audit entry',
      );
      const audit = await readAudit();
      expect(audit.entries.map((e) => `${e.action}:${e.actor}`)).toEqual(
        expect.arrayContaining([
          `split.transferControl:${manager}`,
          `split.transferControl:${label}`,
          `split.create:${label}`,
          `earnings.distribute:${label}`,
          `earnings.withdraw:${label}`,
          `member.invite:${label}`,
        ]),
      );
    } finally {
      await managerContext.close();
    }
  });

  it('tabs by keyboard and by URL; every tab: axe-core finds nothing serious, no sideways scroll at 390 or 1,280 px', async () => {
    await page.goto(`${labelUrl}?tab=catalogue`);
    const tab = (name: string) => page.getByRole('tab', { name, exact: true });
    await tab('Catalogue').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/\?tab=splits$/);
    expect(await tab('Splits').getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-splits');
    await page.keyboard.press('End');
    await page.waitForURL(/\?tab=audit$/);
    await page.keyboard.press('ArrowRight'); // wraps to the first
    await page.waitForURL(/\?tab=catalogue$/);
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(/\?tab=audit$/);
    await page.reload();
    expect(await tab('Audit log').getAttribute('aria-selected')).toBe('true');
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();

    const problems: string[] = [];
    for (const width of CHECK_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, heading] of [
        ['catalogue', 'Catalogue'],
        ['splits', 'Splits'],
        ['earnings', 'Earnings'],
        ['members', 'Members'],
        ['audit', 'Audit log'],
      ] as const) {
        await page.goto(`${labelUrl}?tab=${name}`);
        await page.getByRole('heading', { name: heading, exact: true, level: 2 }).waitFor();
        problems.push(...(await checkPageState(page, 'labels', name)));
      }
    }
    expect(problems).toEqual([]);
  });
});
