/**
 * ERC-20 earnings on a real chain: a 2-decimal token paid into a split, distributed (twice, with rounding dust) and
 * withdrawn, indexed by the real indexer into the real database, then read back through the label API (earnings
 * and CSV statement) and compared with the chain: totals per asset equal the chain's events and balances exactly,
 * and every statement row names an on-chain event.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  createPublicClient,
  createWalletClient,
  getAddress,
  http,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isSameOrigin } from '../../lib/auth/server-context';
import { readCookie } from '../../lib/auth/session-cookie';
import { signSessionToken, verifySessionToken } from '../../lib/auth/session-token';
import { startAnvil, type Anvil } from '../../lib/chain/anvil';
import { MOTIF_ABIS, toMotifAddresses, type MotifContractAddresses } from '../../lib/chain/contracts';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { customChain } from '../../lib/config/chains';
import { REPO_ROOT } from '../../lib/contracts/compile';
import { deployContracts } from '../../lib/contracts/deploy';
import { trackIdOf } from '../../lib/contracts/track-id';
import { createPrismaClient } from '../../lib/db/client';
import { clearIndex } from '../../lib/indexer/clear-index';
import { syncToHead } from '../../lib/indexer/indexer';
import { viemLabelChain } from '../../lib/labels/chain-reader';
import { createLabelHandlers } from '../../app/api/labels/handler';
import { createLabel } from '../../lib/labels/label-service';

const CHAIN_ID = 990_200; // its own chain id: the indexer keys rows by chain id, and other files index 31337
const SECRET = new Uint8Array(32).fill(9);
const prisma = createPrismaClient(inject('databaseUrl'));
const [deployer, payer, payeeA, payeeB] = localDevAccounts(4);

/** A mintable ERC-20 with 2 decimals (OpenZeppelin's ERC20), compiled here with solc-js. */
const TOKEN_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
contract Cents is ERC20 {
    constructor() ERC20("Cents", "CNT") {}
    function decimals() public pure override returns (uint8) { return 2; }
    function mint(address to, uint256 amount) external { _mint(to, amount); }
}`;

function compileToken(): { abi: Abi; bytecode: Hex } {
  const solc = createRequire(import.meta.url)('solc') as {
    compile(input: string, cb: { import: (p: string) => { contents: string } | { error: string } }): string;
  };
  const input = {
    language: 'Solidity',
    sources: { 'Cents.sol': { content: TOKEN_SOURCE } },
    settings: { evmVersion: 'cancun', outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  };
  const findImport = (p: string) => {
    const file = path.join(REPO_ROOT, 'node_modules', p);
    return existsSync(file) ? { contents: readFileSync(file, 'utf8') } : { error: `File not found: ${p}` };
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport })) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const c = out.contracts['Cents.sol']!.Cents!;
  return { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` };
}

let anvil: Anvil;
let dir: string;
let publicClient: PublicClient;
let addresses: MotifContractAddresses;
let startBlock: bigint;
let token: Address;
let tokenAbi: Abi;
let split: Address;
let createTx: Hex;
let labelId: string;
const accounts = [payeeA!.address, payeeB!.address]
  .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))
  .map((a) => getAddress(a));
const shares = [333_333, 666_667]; // floor shares leave a remainder, which SplitMain holds for the next distribution

const wallet = (key: Hex) =>
  createWalletClient({
    chain: customChain(CHAIN_ID, anvil.rpcUrl),
    transport: http(anvil.rpcUrl),
    account: privateKeyToAccount(key),
  });
async function send(hash: Promise<Hex>) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  expect(receipt.status).toBe('success');
  return receipt;
}
const splitMain = () => ({ address: addresses.SplitMain, abi: MOTIF_ABIS.SplitMain });
const balanceOfToken = (account: Address) =>
  publicClient.readContract({
    address: token,
    abi: tokenAbi,
    functionName: 'balanceOf',
    args: [account],
  }) as Promise<bigint>;

const resetIndex = () => clearIndex(prisma, CHAIN_ID);
const indexAll = () =>
  syncToHead({ prisma, client: publicClient, chainId: CHAIN_ID, addresses, startBlock, confirmations: 0 });

function req(path: string, body?: unknown): Request {
  const now = Date.now();
  const headers: Record<string, string> = {
    host: 'motif.test',
    origin: 'http://motif.test',
    cookie: `motif_session=${signSessionToken({ address: getAddress(deployer!.address), chainId: CHAIN_ID, issuedAt: now, expiresAt: now + 60_000 }, SECRET)}`,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`http://motif.test${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
let api: ReturnType<typeof createLabelHandlers>;

beforeAll(async () => {
  await resetIndex();
  anvil = await startAnvil({ chainId: CHAIN_ID });
  dir = await mkdtemp(path.join(inject('servicesDir'), 'labels-erc20-'));
  publicClient = createPublicClient({
    chain: customChain(CHAIN_ID, anvil.rpcUrl),
    transport: http(anvil.rpcUrl),
  }) as PublicClient;
  const { deployment } = await deployContracts({
    publicClient,
    walletClient: wallet(deployer!.privateKey),
    deploymentPath: path.join(dir, 'deployment.json'),
  });
  addresses = toMotifAddresses(
    Object.fromEntries(Object.entries(deployment.contracts).map(([k, v]) => [k, v.address])),
  )!;
  startBlock = BigInt(Math.min(...Object.values(deployment.contracts).map((c) => c.blockNumber)));
  const compiled = compileToken();
  tokenAbi = compiled.abi;
  const deployed = await send(
    wallet(deployer!.privateKey).deployContract({ abi: compiled.abi, bytecode: compiled.bytecode }),
  );
  token = getAddress(deployed.contractAddress!);
  api = createLabelHandlers({
    prisma,
    chainId: CHAIN_ID,
    chain: viemLabelChain(anvil.rpcUrl),
    splitMain: async () => addresses.SplitMain,
    market: async () => addresses.Market,
    session: (r) => verifySessionToken(readCookie(r.headers.get('cookie')), SECRET),
    sameOrigin: isSameOrigin,
  });
  labelId = (await createLabel(prisma, getAddress(deployer!.address), 'ERC-20 Label 990200')).id;
});

afterAll(async () => {
  await prisma.label.deleteMany({ where: { id: labelId } }).catch(() => undefined);
  await resetIndex();
  await prisma.$disconnect();
  await anvil?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('label earnings in an ERC-20 with 2 decimals, on a real chain', () => {
  it('creates a split from the "dashboard" (recorded through the API, checked against the receipt)', async () => {
    expect(await publicClient.readContract({ address: token, abi: tokenAbi, functionName: 'decimals' })).toBe(2);
    const sm = wallet(deployer!.privateKey);
    const { result } = await publicClient.simulateContract({
      ...splitMain(),
      functionName: 'createSplit',
      args: [accounts, shares, deployer!.address],
      account: sm.account,
    });
    split = getAddress(result);
    createTx = (
      await send(
        sm.writeContract({ ...splitMain(), functionName: 'createSplit', args: [accounts, shares, deployer!.address] }),
      )
    ).transactionHash;
    const recorded = await api.record(
      req(`/api/labels/${labelId}/actions`, {
        action: 'split.create',
        split,
        txHash: createTx,
        payees: accounts.map((account, i) => ({ account, share: shares[i] })),
      }),
      labelId,
    );
    expect(recorded.status).toBe(201);
  });

  it('pays tokens in, distributes twice, withdraws for one payee, leaves some undistributed', async () => {
    const p = wallet(payer!.privateKey);
    await send(
      p.writeContract({ address: token, abi: tokenAbi, functionName: 'mint', args: [payer!.address, 1_000_000n] }),
    );
    const anyone = wallet(payer!.privateKey);
    await send(p.writeContract({ address: token, abi: tokenAbi, functionName: 'transfer', args: [split, 10_001n] })); // 100.01 CNT
    await send(
      anyone.writeContract({ ...splitMain(), functionName: 'distributeERC20', args: [split, token, accounts, shares] }),
    );
    await send(p.writeContract({ address: token, abi: tokenAbi, functionName: 'transfer', args: [split, 257n] })); // 2.57 CNT
    await send(
      anyone.writeContract({ ...splitMain(), functionName: 'distributeERC20', args: [split, token, accounts, shares] }),
    );
    await send(
      anyone.writeContract({ ...splitMain(), functionName: 'withdraw', args: [accounts[1]!, false, [token]] }),
    );
    // A withdrawal recorded for the wrong account is refused: the receipt's Withdrawal is for accounts[1].
    const withdrawTx = (
      await send(
        wallet(deployer!.privateKey).writeContract({
          ...splitMain(),
          functionName: 'withdraw',
          args: [accounts[0]!, false, [token]],
        }),
      )
    ).transactionHash;
    const wrong = await api.record(
      req(`/api/labels/${labelId}/actions`, { action: 'earnings.withdraw', account: accounts[1], txHash: withdrawTx }),
      labelId,
    );
    expect(wrong.status).toBe(409);
    expect(((await wrong.json()) as { error: string }).error).toContain(
      `account ${accounts[1]}: its receipt has no SplitMain Withdrawal event`,
    );
    expect(
      (
        await api.record(
          req(`/api/labels/${labelId}/actions`, {
            action: 'earnings.withdraw',
            account: accounts[0],
            txHash: withdrawTx,
          }),
          labelId,
        )
      ).status,
    ).toBe(201);
    await send(p.writeContract({ address: token, abi: tokenAbi, functionName: 'transfer', args: [split, 100n] })); // 1.00 CNT, distributed, not withdrawn
    await send(
      anyone.writeContract({ ...splitMain(), functionName: 'distributeERC20', args: [split, token, accounts, shares] }),
    );
    await send(p.writeContract({ address: token, abi: tokenAbi, functionName: 'transfer', args: [split, 42n] })); // not yet distributed
    await indexAll();
  });

  it('earnings per asset equal the chain exactly', async () => {
    const distributed = await publicClient.getContractEvents({
      ...splitMain(),
      eventName: 'Distributed',
      fromBlock: startBlock,
    });
    const withdrawals = await publicClient.getContractEvents({
      ...splitMain(),
      eventName: 'Withdrawal',
      fromBlock: startBlock,
    });
    const chainDistributed = distributed
      .filter((e) => e.args.split === split && e.args.token === token)
      .reduce((a, e) => a + e.args.amount!, 0n);
    // 10,358 units paid in; each payee is credited floor(everything so far × share / 1e6), so 1 unit stays held.
    const paidIn = 10_001n + 257n + 100n;
    const fair = (total: bigint, share: number) => (total * BigInt(share)) / 1_000_000n;
    expect(chainDistributed).toBe(fair(paidIn, shares[0]!) + fair(paidIn, shares[1]!));
    const held = await publicClient.readContract({ ...splitMain(), functionName: 'heldOf', args: [split, token] });
    expect(chainDistributed + held).toBe(paidIn);
    const res = (await (await api.earnings(req(`/api/labels/${labelId}/earnings`), labelId)).json()) as {
      assets: string[];
      byAsset: Record<
        string,
        {
          byPayee: { account: string; credited: string; withdrawn: string }[];
          distributed: string;
          pendingDistribution: string;
          withdrawn: string;
          undistributed: Record<string, string>;
          unwithdrawn: Record<string, string>;
        }
      >;
    };
    expect(res.assets).toEqual(['ETH', token]);
    const cents = res.byAsset[token]!;
    expect(BigInt(cents.distributed)).toBe(chainDistributed);
    expect(cents.undistributed).toEqual({ [split]: ((await balanceOfToken(split)) + held).toString() });
    expect(cents.undistributed[split]).toBe(String(42n + held)); // in the wallet, and the remainder SplitMain holds
    for (const account of accounts) {
      const onChainWithdrawn = withdrawals
        .filter((e) => e.args.account === account && e.args.token === token)
        .reduce((a, e) => a + e.args.amount!, 0n);
      const credit = await publicClient.readContract({
        ...splitMain(),
        functionName: 'balanceOf',
        args: [account, token],
      });
      const row = cents.byPayee.find((p) => getAddress(p.account) === account)!;
      expect(BigInt(row.withdrawn)).toBe(onChainWithdrawn);
      expect(BigInt(row.withdrawn)).toBe(await balanceOfToken(account)); // the payees held no tokens before
      const share = shares[accounts.indexOf(account)]!;
      expect(credit).toBe(fair(paidIn, share) - fair(paidIn - 100n, share)); // the third distribution, not withdrawn
      expect(BigInt(row.credited)).toBe(onChainWithdrawn + credit); // credited = withdrawn + still in SplitMain
      expect(cents.unwithdrawn[account]).toBe(credit.toString());
    }
    // SplitMain's rounding, fair over time: each payee's credits add up to the floor of its share of all paid in.
    expect(cents.byPayee.map((p) => p.credited)).toEqual(shares.map((s) => fair(paidIn, s).toString()));
    expect(BigInt(cents.withdrawn)).toBe(
      withdrawals.filter((e) => e.args.token === token).reduce((a, e) => a + e.args.amount!, 0n),
    );
    // Nothing in ETH was paid: the ETH totals are zero, not mixed with the token's.
    expect(res.byAsset.ETH!.distributed).toBe('0');
    expect(cents.pendingDistribution).toBe(String(42n + held));
  });

  it('the CSV statement rows trace to the chain events, sum and rows', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const res = await api.statement(req(`/api/labels/${labelId}/statement?from=${yesterday}&to=${tomorrow}`), labelId);
    expect(res.status).toBe(200);
    const [header, ...lines] = (await res.text()).trimEnd().split('\r\n');
    expect(header).toBe('block_number,block_time,tx_hash,log_index,kind,token_id,split,account,asset,amount_wei');
    const rows = lines
      .map((l) => l.split(','))
      .map(([block, time, txHash, logIndex, kind, , rowSplit, account, asset, amount]) => ({
        block,
        time,
        txHash,
        logIndex,
        kind,
        split: rowSplit,
        account,
        asset,
        amount,
      }));
    expect(rows.every((r) => r.asset === token && r.time!.startsWith(today.slice(0, 4)))).toBe(true);
    const distributed = (
      await publicClient.getContractEvents({ ...splitMain(), eventName: 'Distributed', fromBlock: startBlock })
    ).filter((e) => e.args.split === split);
    const withdrawals = (
      await publicClient.getContractEvents({ ...splitMain(), eventName: 'Withdrawal', fromBlock: startBlock })
    ).filter((e) => accounts.includes(e.args.account!));
    const key = (r: { txHash?: string; logIndex?: string | number; account?: string; amount?: string | bigint }) =>
      `${r.txHash}:${r.logIndex} ${String(r.account).toLowerCase()} ${r.amount}`;
    expect(rows.filter((r) => r.kind === 'distribution').map(key)).toEqual(
      distributed.map((e) =>
        key({ txHash: e.transactionHash, logIndex: e.logIndex, account: e.args.split, amount: e.args.amount }),
      ),
    );
    expect(rows.filter((r) => r.kind === 'withdrawal').map(key)).toEqual(
      withdrawals.map((e) =>
        key({ txHash: e.transactionHash, logIndex: e.logIndex, account: e.args.account, amount: e.args.amount }),
      ),
    );
    for (const e of distributed) {
      const credits = rows.filter(
        (r) => r.kind === 'payee-credit' && r.txHash === e.transactionHash && Number(r.logIndex) === e.logIndex,
      );
      expect(credits.map((r) => getAddress(r.account!))).toEqual(accounts);
      expect(credits.reduce((a, r) => a + BigInt(r.amount!), 0n)).toBe(e.args.amount);
    }
    for (const r of rows)
      expect(Number(r.block)).toBe(
        Number((await publicClient.getTransactionReceipt({ hash: r.txHash as Hex })).blockNumber),
      );
    expect(rows).toHaveLength(distributed.length * 3 + withdrawals.length);
  });
});

describe('resale royalties held by the Market count as pending, on a real chain', () => {
  type Eth = {
    marketCredits: Record<string, string>;
    undistributed: Record<string, string>;
    pendingDistribution: string;
  };
  const eth = async () =>
    (
      (await (await api.earnings(req(`/api/labels/${labelId}/earnings`), labelId)).json()) as {
        byAsset: Record<string, Eth>;
      }
    ).byAsset.ETH!;

  it('a resale credits the split at the Market; Market.withdraw(split) moves it into the split wallet', async () => {
    const seller = wallet(deployer!.privateKey);
    const content = `0x${'5e'.repeat(32)}` as Hex;
    await send(
      seller.writeContract({
        address: addresses.TrackCollection,
        abi: MOTIF_ABIS.TrackCollection,
        functionName: 'mint',
        args: [deployer!.address, content, `0x${'4d'.repeat(32)}`, split, 1000, 1],
      }),
    );
    await send(
      seller.writeContract({
        address: addresses.TrackCollection,
        abi: MOTIF_ABIS.TrackCollection,
        functionName: 'setApprovalForAll',
        args: [addresses.Market, true],
      }),
    );
    const id = trackIdOf(deployer!.address, content);
    const expiry = (await publicClient.getBlock()).timestamp + 86_400n;
    await send(
      seller.writeContract({
        address: addresses.Market,
        abi: MOTIF_ABIS.Market,
        functionName: 'list',
        args: [addresses.TrackCollection, id, 1_000_000_000n, expiry],
      }),
    );
    await send(
      wallet(payer!.privateKey).writeContract({
        address: addresses.Market,
        abi: MOTIF_ABIS.Market,
        functionName: 'buy',
        args: [addresses.TrackCollection, id],
        value: 1_000_000_000n,
      }),
    );
    const credits = await publicClient.readContract({
      address: addresses.Market,
      abi: MOTIF_ABIS.Market,
      functionName: 'creditsOf',
      args: [split],
    });
    expect(credits).toBe(100_000_000n); // 10% royalty to the split
    const before = await eth();
    expect(before.marketCredits).toEqual({ [split]: credits.toString() });
    expect(before.undistributed).toEqual({ [split]: '0' });
    expect(before.pendingDistribution).toBe(credits.toString());

    await send(
      wallet(payer!.privateKey).writeContract({
        address: addresses.Market,
        abi: MOTIF_ABIS.Market,
        functionName: 'withdraw',
        args: [split],
      }),
    ); // anyone may
    const after = await eth();
    expect(after.marketCredits).toEqual({ [split]: '0' });
    expect(after.undistributed).toEqual({ [split]: credits.toString() });
    expect(after.pendingDistribution).toBe(credits.toString());
  });
});
