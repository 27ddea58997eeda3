/**
 * Test fixture for the mint actions: a real anvil with the Motif contracts deployed, funded wallets, and drafts
 * whose session is consistent (the digest is the composed melody's, so the manifest builds and signs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keccak256, stringToBytes, type Address } from 'viem';
import { ANVIL_KEY_0, startTestChain, type TestChain } from '../../../test/contracts/chain';
import { deployContracts } from '../../contracts/deploy';
import { trackIdOf } from '../../contracts/track-id';
import { arrange } from '../../generation/arrangement/arrange';
import { defaultComposeRequest } from '../../generation/compose/request';
import { WAV_SAMPLE_RATE } from '../../generation/export/wav';
import { manifestNotes } from '../../provenance/studio-session';
import type { MintContracts } from '../contracts';
import { defaultDetails, newDraft, type MintDetails, type MintDraft } from '../draft';

export type MintChain = TestChain & {
  contracts: MintContracts;
  /** The local deployment's test stablecoin (MotifTestUSD, 6 decimals). */
  stablecoin: { address: Address; decimals: number };
  stop(): Promise<void>;
};

export async function startMintChain(): Promise<MintChain> {
  const t = await startTestChain();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'motif-mint-'));
  const { deployment } = await deployContracts({
    publicClient: t.publicClient,
    walletClient: t.wallet(ANVIL_KEY_0),
    deploymentPath: path.join(dir, 'deployment.json'),
  });
  if (!deployment.stablecoin) throw new Error('the local deployment has no test stablecoin');
  return {
    ...t,
    stablecoin: { address: deployment.stablecoin.address, decimals: deployment.stablecoin.decimals },
    contracts: {
      collection: deployment.contracts.TrackCollection.address,
      splitMain: deployment.contracts.SplitMain.address,
    },
    async stop() {
      await t.anvil.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let drafts = 0;

/** A draft as the studio hands it over; `details` override the defaults (title 'Test track', the creator paid 100%). */
export async function testDraft(creator: Address, details: Partial<MintDetails> = {}): Promise<MintDraft> {
  const request = defaultComposeRequest({ bars: 2 });
  const composed = arrange({
    melody: [{ pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 100 }],
    progression: ['C', 'G'],
    bars: 2,
    tempo: 112,
    key: 'C',
    scale: 'major',
    style: 'pop',
  });
  const notes = await manifestNotes(composed, []);
  const id = `draft-${++drafts}-${Math.random().toString(36).slice(2)}`;
  return newDraft({
    id,
    now: '2026-12-03T10:00:00.000Z',
    session: {
      request,
      digest: notes.generatedDigest,
      progression: ['C', 'G'],
      backend: 'cpu-js',
      composed,
      ops: [],
      render: {
        engine: 'js',
        instrument: 'mix',
        sampleRate: WAV_SAMPLE_RATE,
        channels: 2,
        bitDepth: 16,
        durationSeconds: 4,
      },
      weightsCid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
    },
    wav: stringToBytes(`wav of ${id}`),
    midi: stringToBytes(`midi of ${id}`),
    details: { ...defaultDetails(creator), title: 'Test track', ...details },
  });
}

/** The pin step's output for a draft, as the pin route answers it (content digest of a distinct folder per draft). */
export function pinnedFor(d: MintDraft, creator: Address): NonNullable<MintDraft['progress']['pinned']> {
  const contentDigest = keccak256(stringToBytes(`folder of ${d.id}`));
  return {
    cid: `bafy-${d.id}`,
    tokenId: trackIdOf(creator, contentDigest).toString(),
    contentDigest,
    manifestDigest: keccak256(stringToBytes(`manifest of ${d.id}`)),
  };
}
