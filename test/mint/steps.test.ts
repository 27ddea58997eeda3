import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  InsufficientFundsError,
  TransactionExecutionError,
  UserRejectedRequestError,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { trackCollectionAbi } from '../../lib/contracts/abi';
import { TransactionRevertedError } from '../../lib/errors';
import { defaultComposeRequest } from '../../lib/generation/compose/request';
import { arrange } from '../../lib/generation/arrangement/arrange';
import { defaultDetails, newDraft, type MintDraft } from '../../lib/mint/draft';
import { runMint, type MintEffects } from '../../lib/mint/run';
import { classifyError, nextStep, PinFailedError, updateDetails, type MintStep } from '../../lib/mint/steps';

const CREATOR = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const TX = `0x${'ab'.repeat(32)}` as const;

function draft(mode: 'mint' | 'voucher' = 'mint'): MintDraft {
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
  return newDraft({
    id: 'd1',
    now: '2026-11-24T10:00:00.000Z',
    session: {
      request,
      digest: `sha256:${'0'.repeat(64)}`,
      progression: ['C', 'G'],
      backend: 'cpu-js',
      composed,
      ops: [],
      render: { engine: 'js', instrument: 'mix', sampleRate: 44100, channels: 2, bitDepth: 16, durationSeconds: 4 },
      weightsCid: 'bafy',
    },
    wav: new Uint8Array([1]),
    midi: new Uint8Array([2]),
    details: { ...defaultDetails(CREATOR), title: 'T', mode },
  });
}

/** Effects that record calls; `failAt` makes one step throw `error` once. */
function effects(failAt?: { step: MintStep; error: unknown }) {
  const calls: MintStep[] = [];
  let failed = false;
  const saved: MintDraft[] = [];
  const maybeFail = (step: MintStep) => {
    calls.push(step);
    if (failAt && failAt.step === step && !failed) {
      failed = true;
      throw failAt.error;
    }
  };
  const fx: MintEffects = {
    sign: async () => (maybeFail('sign'), { manifestJson: '{}', manifestDigest: TX, creator: CREATOR }),
    pin: async (_d, progress) => (
      maybeFail('pin'),
      progress({ loaded: 1, total: 1 }),
      { cid: 'bafyfolder', tokenId: '1', contentDigest: TX, manifestDigest: TX }
    ),
    split: async () => (maybeFail('split'), { address: CREATOR }),
    sendMint: async () => (maybeFail('mint'), TX),
    confirm: async () => (maybeFail('confirm'), { tokenId: '1', txHash: TX, blockNumber: '5' }),
    voucher: async () => (maybeFail('voucher'), { json: '{}' }),
    save: async (d) => void saved.push(d),
    now: () => '2026-11-24T10:00:01.000Z',
  };
  return { fx, calls, saved };
}

// the errors viem and the wallet raise (classified by class, never by text)
const rejected = new UserRejectedRequestError(new Error('User rejected the request.'));
const poor = new TransactionExecutionError(new InsufficientFundsError(), {
  account: { address: CREATOR, type: 'json-rpc' },
});
const revert = new ContractFunctionRevertedError({
  abi: trackCollectionAbi,
  functionName: 'mint',
  data: encodeErrorResult({ abi: trackCollectionAbi, errorName: 'RoyaltyTooHigh', args: [6000n, 5000n] }),
});
const reverted = new ContractFunctionExecutionError(revert, {
  abi: trackCollectionAbi,
  functionName: 'mint',
  args: [],
  contractAddress: CREATOR,
});
const minedReverted = new TransactionRevertedError('The mint', TX);
const pin415 = new PinFailedError(415, 'audio.wav is not a WAV file');

const CASES: Array<[string, MintStep, unknown, string, RegExp]> = [
  ['rejected manifest signature', 'sign', rejected, 'rejected', /rejected the request to sign the manifest/],
  ['pin refused (415)', 'pin', pin415, 'pin', /not in a supported format \(HTTP 415/],
  ['pin service down (502)', 'pin', new PinFailedError(502, 'bad gateway'), 'pin', /IPFS service is unavailable/],
  ['insufficient funds for the split', 'split', poor, 'insufficient-funds', /insufficient funds/],
  ['rejected mint transaction', 'mint', rejected, 'rejected', /rejected the request to mint/],
  ['insufficient funds for the mint', 'mint', poor, 'insufficient-funds', /insufficient funds/],
  ['reverted mint', 'mint', reverted, 'reverted', /reverted: RoyaltyTooHigh\(6000, 5000\)/],
  ['mint reverted in its block', 'confirm', minedReverted, 'reverted', /transaction to confirm the mint was reverted/],
];

describe('mint step machine', () => {
  it('runs sign -> pin -> split -> mint -> confirm, saving after each step', async () => {
    const { fx, calls, saved } = effects();
    const d = await runMint(draft(), fx);
    expect(calls).toEqual(['sign', 'pin', 'split', 'mint', 'confirm']);
    expect(nextStep(d)).toBe('done');
    expect(saved.map((s) => nextStep(s))).toEqual(['pin', 'split', 'mint', 'confirm', 'done']);
  });

  it.each(CASES)(
    '%s: a clear message, and the retry resumes at the failed step',
    async (_n, step, error, kind, message) => {
      const { fx, calls, saved } = effects({ step, error });
      const failed = await runMint(draft(), fx);
      expect(failed.failure).toMatchObject({ step, kind });
      expect(failed.failure?.message).toMatch(message);
      expect(failed.progress.minted).toBeUndefined(); // nothing claims a track
      expect(saved.at(-1)).toBe(failed); // the failure is saved (a reload resumes too)
      const resumeAt = step === 'confirm' ? 'mint' : step; // a reverted transaction is sent again
      expect(nextStep(failed)).toBe(resumeAt);
      calls.length = 0;
      const done = await runMint(failed, fx);
      expect(done.failure).toBeUndefined();
      expect(nextStep(done)).toBe('done');
      const order: MintStep[] = ['sign', 'pin', 'split', 'mint', 'confirm'];
      expect(calls).toEqual(order.slice(order.indexOf(resumeAt)));
    },
  );

  it('publishes a voucher instead of minting: sign -> pin -> split -> voucher', async () => {
    const { fx, calls } = effects({ step: 'voucher', error: rejected });
    const failed = await runMint(draft('voucher'), fx);
    expect(failed.failure?.message).toMatch(/sign the voucher/);
    await runMint(failed, fx);
    expect(calls).toEqual(['sign', 'pin', 'split', 'voucher', 'voucher']);
  });

  it('changing the details drops exactly the outputs that depended on them', async () => {
    const { fx } = effects({ step: 'mint', error: rejected });
    const d = await runMint(draft(), fx);
    expect(nextStep(d)).toBe('mint');
    const retitled = updateDetails(d, { ...d.details, title: 'Other' }, 'now');
    expect(nextStep(retitled)).toBe('pin');
    expect(retitled.progress.signed).toBeDefined();
    const relicensed = updateDetails(d, { ...d.details, licence: 'CC0-1.0' }, 'now');
    expect(nextStep(relicensed)).toBe('sign');
    const resplit = updateDetails(d, { ...d.details, split: { ...d.details.split, royaltyPercent: '7' } }, 'now');
    expect(nextStep(resplit)).toBe('split');
    expect(resplit.progress.pinned).toBeDefined();
  });

  it('classifies unknown and network errors with the action that failed', () => {
    expect(classifyError('pin', new TypeError('Failed to fetch')).kind).toBe('network');
    expect(classifyError('split', new Error('boom'))).toEqual({
      kind: 'unknown',
      message: 'Could not create the split: boom. Retry.',
    });
    expect(classifyError('sign', new ZodError([])).kind).toBe('invalid');
    // a message that merely mentions a revert is not a revert
    expect(classifyError('mint', new Error('execution reverted?')).kind).toBe('unknown');
  });
});
