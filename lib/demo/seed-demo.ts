/**
 * The demo seed of a fresh install, in two phases the composition root calls around the indexer's catch-up:
 *   1. `seedDemoChain` (before the indexer): reads the chain, plans (./plan.ts) and does what is missing: compose,
 *      pin and mint each demo track through the mint steps, list, buy one, release and distribute its royalty.
 *   2. `seedDemoCatalogue` (once the indexer has the tracks): the demo label with its catalogue, the demo profiles.
 * Each action is its own file; this file only orders them. Everything is decided from chain and database state, so a
 * second start does nothing and a start after an interrupted seed does the rest.
 */
import path from 'node:path';
import { createWalletClient, http, type Address, type Chain, type Client, type Transport } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { localDevAccounts } from '../chain/dev-accounts';
import type { PrismaClient } from '../db/client';
import type { GenerativeModel } from '../generation/models/adapter';
import { NODE_ADAPTERS } from '../generation/models/node-adapters';
import { getShippedModel } from '../generation/models/registry';
import type { IpfsStorage } from '../ipfs/storage';
import { royaltyReceiver } from '../mint/royalty-receiver';
import { validateSplit, type ValidSplit } from '../mint/split';
import type { C2paCredentials } from '../provenance/c2pa/credentials';
import { BaseError } from '../errors/base';
import { buyDemoTrack } from './buy-demo-track';
import {
  DEMO_DEV_ACCOUNT_INDEX,
  DEMO_LABEL_NAME,
  DEMO_ROLES,
  DEMO_TRACKS,
  demoMintDetails,
  type DemoAccounts,
  type DemoTrackSpec,
} from './catalogue';
import { composeDemoTrack } from './compose-demo-track';
import { createDemoLabel, readDemoLabel } from './create-demo-label';
import { distributeDemoRoyalty } from './distribute-demo-royalty';
import { listDemoTrack } from './list-demo-track';
import { mintDemoTrack } from './mint-demo-track';
import { nameDemoProfiles, readProfileNames } from './name-demo-profiles';
import { planDemoChain, planDemoLabel, planDemoProfiles, type DemoChainActionKind } from './plan';
import { readDemoChain, type DemoContracts } from './read-demo-chain';
import { releaseDemoRoyalty } from './release-demo-royalty';

/** The manifests' creation time: fixed, so a spec always gives the same manifest. */
export const DEMO_CREATED_AT = '2026-12-01T12:00:00.000Z';

export class DemoSeedError extends BaseError {
  override name = 'DemoSeedError';
}

/** The demo roles on the local dev accounts (lib/chain/dev-accounts.ts). */
export function demoDevAccounts(): DemoAccounts {
  const dev = localDevAccounts(10);
  const pick = (index: number) => {
    const a = dev[index];
    if (!a) throw new DemoSeedError(`no dev account #${index}`);
    return { address: a.address, privateKey: a.privateKey };
  };
  return Object.fromEntries(DEMO_ROLES.map((role) => [role, pick(DEMO_DEV_ACCOUNT_INDEX[role])])) as DemoAccounts;
}

export type SeedDemoChainParameters = {
  chain: Chain;
  rpcUrl: string;
  publicClient: Client<Transport, Chain | undefined>;
  contracts: DemoContracts;
  /** The earliest deployment block of the contracts. */
  fromBlock: bigint;
  accounts: DemoAccounts;
  storage: IpfsStorage;
  c2pa: C2paCredentials;
  /** The folder holding the shipped checkpoints (public/, with models/<id>/). */
  publicDir: string;
  siteOrigin: string;
  specs?: readonly DemoTrackSpec[];
  signal?: AbortSignal;
  onLog?: (line: string) => void;
};

export type DemoChainResult =
  | { kind: 'skipped'; reason: string; ms: number }
  | {
      kind: 'seeded';
      /** Every demo track's token id, by slug (found or minted now). */
      tokenIds: Record<string, bigint>;
      /** How many of each action ran now. */
      done: Record<DemoChainActionKind, number>;
      tracks: number;
      ms: number;
    };

/**
 * Runs `fn` with console.log/info/warn sent to `log`: Magenta and tfjs print banners ("Initialized model", tfjs-node
 * advice) to the console on first use, which would interleave with `npm start`'s component lines.
 */
async function withConsoleTo<T>(log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, warn: console.warn };
  const redirected = { log: to, info: to, warn: to };
  // `log` itself may print (npm start with MOTIF_VERBOSE=1): the real console while it runs, else it would recurse.
  function to(...args: unknown[]): void {
    Object.assign(console, saved);
    try {
      log(args.map(String).join(' ').trim());
    } finally {
      Object.assign(console, redirected);
    }
  }
  Object.assign(console, redirected);
  try {
    return await fn();
  } finally {
    Object.assign(console, saved);
  }
}

function validSplit(spec: DemoTrackSpec, accounts: DemoAccounts): ValidSplit {
  const v = validateSplit(demoMintDetails(spec, accounts).split);
  if (!v.ok) throw new DemoSeedError(`demo track ${spec.slug}: ${v.errors.map((e) => e.message).join('; ')}`);
  return v.value;
}

export async function seedDemoChain(p: SeedDemoChainParameters): Promise<DemoChainResult> {
  const t0 = performance.now();
  const specs = p.specs ?? DEMO_TRACKS;
  const log = p.onLog ?? (() => {});
  const chainId = p.chain.id;
  const reading = await readDemoChain(p.publicClient, {
    specs,
    accounts: p.accounts,
    contracts: p.contracts,
    fromBlock: p.fromBlock,
    storage: p.storage,
    signal: p.signal,
  });
  const plan = planDemoChain(specs, reading, p.accounts);
  if (plan.kind === 'skip') return { kind: 'skipped', reason: plan.reason, ms: performance.now() - t0 };

  const wallet = (role: keyof DemoAccounts) =>
    createWalletClient({
      chain: p.chain,
      transport: http(p.rpcUrl),
      account: privateKeyToAccount(p.accounts[role].privateKey),
    });
  const tokenIds: Record<string, bigint> = {};
  for (const [slug, track] of Object.entries(reading.tracks)) if (track) tokenIds[slug] = track.tokenId;
  const tokenOf = (slug: string): bigint => {
    const id = tokenIds[slug];
    if (id === undefined) throw new DemoSeedError(`demo track ${slug} has no token yet`);
    return id;
  };
  const specOf = (slug: string): DemoTrackSpec => {
    const s = specs.find((x) => x.slug === slug);
    if (!s) throw new DemoSeedError(`no demo track ${slug}`);
    return s;
  };
  const done: Record<DemoChainActionKind, number> = { mint: 0, list: 0, buy: 0, release: 0, distribute: 0 };
  const models = new Map<string, GenerativeModel>();
  const modelFor = async (id: string): Promise<{ model: GenerativeModel; weightsCid: string }> => {
    const entry = getShippedModel(id);
    let model = models.get(id);
    if (!model) {
      model = await NODE_ADAPTERS[entry.family].loadFolder(path.join(p.publicDir, entry.urlPath));
      models.set(id, model);
    }
    return { model, weightsCid: entry.weightsCid };
  };
  try {
    for (const action of plan.actions) {
      p.signal?.throwIfAborted();
      const spec = specOf(action.slug);
      const split = validSplit(spec, p.accounts);
      const receiver = royaltyReceiver({ split, splitMain: p.contracts.splitMain });
      switch (action.kind) {
        case 'mint': {
          const draft = await withConsoleTo(log, async () => {
            const { model, weightsCid } = await modelFor(spec.request.modelId);
            return composeDemoTrack({ spec, accounts: p.accounts, model, weightsCid, now: DEMO_CREATED_AT });
          });
          const minted = await mintDemoTrack({
            draft,
            wallet: wallet(spec.creator),
            publicClient: p.publicClient,
            chainId,
            contracts: { collection: p.contracts.collection, splitMain: p.contracts.splitMain },
            currency: p.chain.nativeCurrency,
            storage: p.storage,
            c2pa: p.c2pa,
            collection: p.contracts.collection,
            siteOrigin: p.siteOrigin,
            now: DEMO_CREATED_AT,
            signal: p.signal,
          });
          tokenIds[spec.slug] = BigInt(minted.tokenId);
          break;
        }
        case 'list':
          await listDemoTrack(wallet(spec.creator), {
            collection: p.contracts.collection,
            market: p.contracts.market,
            tokenId: tokenOf(spec.slug),
            price: spec.listPrice ?? '0',
          });
          break;
        case 'buy':
          await buyDemoTrack(wallet('collector'), {
            collection: p.contracts.collection,
            market: p.contracts.market,
            tokenId: tokenOf(spec.slug),
          });
          break;
        case 'release':
          await releaseDemoRoyalty(wallet('collector'), { market: p.contracts.market, split: receiver });
          break;
        case 'distribute':
          await distributeDemoRoyalty(wallet('collector'), {
            splitMain: p.contracts.splitMain,
            split: receiver,
            recipients: split.split,
          });
          break;
      }
      done[action.kind]++;
      log(`${action.kind} ${spec.title}${tokenIds[spec.slug] ? ` (token ${tokenIds[spec.slug]})` : ''}`);
    }
  } finally {
    for (const model of models.values()) model.dispose();
  }
  return { kind: 'seeded', tokenIds, done, tracks: Object.keys(tokenIds).length, ms: performance.now() - t0 };
}

export type DemoCatalogueResult = {
  labelId: string;
  labelCreated: boolean;
  catalogueAdded: number;
  profiles: number;
  ms: number;
};

/** Phase 2, once the indexer has the demo tracks: the demo label and its catalogue, the demo profile names. */
export async function seedDemoCatalogue(
  prisma: PrismaClient,
  p: {
    chainId: number;
    accounts: DemoAccounts;
    tokenIds: Readonly<Record<string, bigint>>;
    specs?: readonly DemoTrackSpec[];
  },
): Promise<DemoCatalogueResult> {
  const t0 = performance.now();
  const specs = p.specs ?? DEMO_TRACKS;
  const owner: Address = p.accounts.label.address;
  const state = await readDemoLabel(prisma, { owner, name: DEMO_LABEL_NAME, chainId: p.chainId });
  const plan = planDemoLabel(specs, p.tokenIds, state);
  const label = await createDemoLabel(prisma, { owner, name: DEMO_LABEL_NAME, chainId: p.chainId, state, plan });
  const names = await readProfileNames(
    prisma,
    DEMO_ROLES.map((r) => p.accounts[r].address),
  );
  const profiles = await nameDemoProfiles(prisma, planDemoProfiles(p.accounts, names));
  return {
    labelId: label.labelId,
    labelCreated: plan.create,
    catalogueAdded: label.added,
    profiles,
    ms: performance.now() - t0,
  };
}
