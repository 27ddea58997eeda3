import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  getAddress,
  http,
  keccak256,
  parseEther,
  stringToBytes,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { inject } from 'vitest';
import { startAnvil, type Anvil } from '../../chain/anvil';
import { toMotifAddresses, type MotifContractAddresses } from '../../chain/contracts';
import { customChain } from '../../config/chains';
import { trackCollectionAbi } from '../../contracts/abi';
import { loadArtifact } from '../../contracts/compile';
import { deployContracts } from '../../contracts/deploy';
import { voucherTypedData, type AnyVoucher } from '../../contracts/voucher';
import { createPrismaClient, type PrismaClient } from '../../db/client';
import { clearIndex } from '../../indexer/clear-index';
import { syncToHead } from '../../indexer/indexer';
import { HeliaStorage } from '../../ipfs/helia-storage';
import { contentDigestOfCid } from '../../provenance/digest';
import { buildManifest } from '../../provenance/manifest';
import { signManifest } from '../../provenance/signed-manifest';
import { makeMidi, makeWav, manifestParams } from '../../../test/provenance/fixtures';

type Wallet = WalletClient<Transport, Chain, Account>;

/**
 * A voucher test's world: its own anvil on a chain id of its own (so its index rows never meet another test file's),
 * the Motif contracts deployed, a Helia store, and the suite's PostgreSQL.
 */
export type VoucherChain = {
  chainId: number;
  publicClient: PublicClient;
  addresses: MotifContractAddresses;
  collection: Address;
  prisma: PrismaClient;
  storage: HeliaStorage;
  /** A fresh account holding 100 ETH. */
  funded(): Promise<Wallet>;
  /**
   * Pins a track folder titled `title` (its metadata.json, and a manifest.json signed by `author` for this chain and
   * collection, so the author passes the store's authorship check): its content digest. `sign` names the manifest.
   */
  pinFolder(title: string, author: Wallet): Promise<Hex>;
  /**
   * A voucher by `creator` for `content` and its signature over `domain` (this chain and collection by default);
   * with `currency`, a CurrencyVoucher priced in that ERC-20.
   */
  sign(
    creator: Wallet,
    content: Hex,
    options?: {
      price?: bigint;
      deadline?: bigint;
      domain?: { chainId: number; collection: Address };
      currency?: Address;
    },
  ): Promise<{ voucher: AnyVoucher; signature: Hex }>;
  /**
   * The 6-decimal test stablecoin (MotifTestUSD's code, installed with anvil_setCode: its constructor only deploys on
   * chain 31337, and this chain has its own id), allowed in the collection; installed on the first call.
   */
  stablecoin(): Promise<Address>;
  /** Mints `amount` test units of the stablecoin to `to`. */
  mintStablecoin(to: Address, amount: bigint): Promise<void>;
  /** The request body the store takes, numbers as decimal strings. */
  body(signed: { voucher: AnyVoucher; signature: Hex }, target?: { chainId: number; collection: Address }): unknown;
  /** Indexes the chain up to its head. */
  sync(): Promise<void>;
  stop(): Promise<void>;
};

let nonces = 0n;

export async function startVoucherChain(chainId: number): Promise<VoucherChain> {
  const anvil: Anvil = await startAnvil({ chainId });
  const dir = await mkdtemp(path.join(inject('servicesDir'), 'vouchers-'));
  const prisma = createPrismaClient(inject('databaseUrl'));
  const storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
  const chain = customChain(chainId, anvil.rpcUrl);
  const publicClient = createPublicClient({
    chain,
    transport: http(anvil.rpcUrl),
    pollingInterval: 20,
  }) as PublicClient;
  const wallet = (key: Hex): Wallet =>
    createWalletClient({
      chain,
      transport: http(anvil.rpcUrl),
      account: privateKeyToAccount(key),
      pollingInterval: 20,
    });
  const admin = wallet('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
  const { deployment } = await deployContracts({
    publicClient,
    walletClient: admin,
    deploymentPath: path.join(dir, 'deployment.json'),
  });
  const addresses = toMotifAddresses(
    Object.fromEntries(Object.entries(deployment.contracts).map(([k, v]) => [k, v.address])),
  );
  if (!addresses) throw new Error('deployment lacks a Motif contract');
  const collection = addresses.TrackCollection;
  await clearIndex(prisma, chainId);
  await prisma.storedVoucher.deleteMany({ where: { chainId } });

  const testClient = createTestClient({ mode: 'anvil', chain, transport: http(anvil.rpcUrl) });
  const tokenAddress = getAddress('0x00000000000000000000000000000000005ab1e5');
  let tokenInstalled = false;
  const stablecoin = async (): Promise<Address> => {
    if (tokenInstalled) return tokenAddress;
    await testClient.setCode({
      address: tokenAddress,
      bytecode: (await loadArtifact('MotifTestUSD')).deployedBytecode,
    });
    const hash = await admin.writeContract({
      address: collection,
      abi: trackCollectionAbi,
      functionName: 'setCurrencyAllowed',
      args: [tokenAddress, true],
    });
    await publicClient.waitForTransactionReceipt({ hash });
    tokenInstalled = true;
    return tokenAddress;
  };
  const tokenAbi = [
    {
      type: 'function',
      name: 'mint',
      stateMutability: 'nonpayable',
      inputs: [
        { name: 'to', type: 'address' },
        { name: 'amount', type: 'uint256' },
      ],
      outputs: [],
    },
  ] as const;

  // each pinned folder's manifest digest, which a voucher for it names
  const manifests = new Map<Hex, Hex>();
  const funded = async () => {
    const w = wallet(generatePrivateKey());
    const hash = await admin.sendTransaction({ to: w.account.address, value: parseEther('100') });
    await publicClient.waitForTransactionReceipt({ hash });
    return w;
  };
  return {
    chainId,
    publicClient,
    addresses,
    collection,
    prisma,
    storage,
    funded,
    pinFolder: async (title, author) => {
      const metadata = stringToBytes(JSON.stringify({ name: title, genre: 'folk', bpm: 96 }));
      const signed = await signManifest({
        manifest: buildManifest(await manifestParams(author.account.address, makeWav(), makeMidi(), [])),
        chainId,
        verifyingContract: collection,
        sign: (td) => author.signTypedData(td),
      });
      const folder = await storage.addFolder([
        { path: 'metadata.json', content: metadata },
        { path: 'manifest.json', content: stringToBytes(JSON.stringify(signed)) },
      ]);
      const content = contentDigestOfCid(folder.cid);
      manifests.set(content, signed.manifestDigest);
      return content;
    },
    sign: async (creator, content, options = {}) => {
      const block = await publicClient.getBlock();
      const fields = {
        creator: creator.account.address,
        content,
        manifest: manifests.get(content) ?? keccak256(content),
        price: options.price ?? parseEther('0.01'),
        payout: creator.account.address,
        royaltyReceiver: creator.account.address,
        royaltyBps: 500,
        licence: 0,
        nonce: ++nonces,
        deadline: options.deadline ?? block.timestamp + 3600n,
      };
      const voucher: AnyVoucher = options.currency ? { ...fields, currency: options.currency } : fields;
      const domain = options.domain ?? { chainId, collection };
      const signature = await creator.signTypedData(voucherTypedData(voucher, domain.chainId, domain.collection));
      return { voucher, signature };
    },
    stablecoin,
    mintStablecoin: async (to, amount) => {
      const hash = await admin.writeContract({
        address: await stablecoin(),
        abi: tokenAbi,
        functionName: 'mint',
        args: [to, amount],
      });
      await publicClient.waitForTransactionReceipt({ hash });
    },
    body: ({ voucher, signature }, target = { chainId, collection }) => ({
      ...target,
      signature,
      voucher: JSON.parse(
        JSON.stringify(voucher, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)),
      ) as unknown,
    }),
    sync: async () => {
      await syncToHead({ prisma, client: publicClient, chainId, addresses, startBlock: 0n });
    },
    stop: async () => {
      await clearIndex(prisma, chainId);
      await prisma.storedVoucher.deleteMany({ where: { chainId } });
      await prisma.$disconnect();
      await storage.close();
      await anvil.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
