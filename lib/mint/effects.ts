import type { Account, Chain, Client, Transport } from 'viem';
import type { Currency } from '../format/amount';
import { confirmMint } from './confirm-mint';
import type { MintContracts } from './contracts';
import { createRoyaltySplit } from './create-royalty-split';
import type { MintDraft } from './draft';
import type { MintEffects, PinProgress } from './run';
import { sendMint } from './send-mint';
import { signDraftManifest } from './sign-draft-manifest';
import { signVoucher, type VoucherStablecoin } from './sign-voucher';

export type CreateMintEffectsParameters = {
  /** The connected wallet (signs and sends as `wallet.account`). */
  wallet: Client<Transport, Chain | undefined, Account>;
  /** Reads and receipts. */
  publicClient: Client<Transport, Chain | undefined>;
  chainId: number;
  /** The chain's native currency: a voucher's price is written in it. */
  currency: Pick<Currency, 'decimals'>;
  /** The platform's stablecoin (issue #20), for a voucher priced in it; none when the chain has none configured. */
  stablecoin?: VoucherStablecoin;
  contracts: MintContracts;
  /** Pins the draft (in the browser: the pin route with upload progress, lib/mint/pin-upload.ts). */
  pin: MintEffects['pin'];
  save(d: MintDraft): Promise<void>;
  /** The clock (ISO time), injected so tests and resumed runs are deterministic. */
  now(): string;
};

/** The step machine's effects over viem clients: every chain write and signature of a mint, one action each. */
export function createMintEffects(p: CreateMintEffectsParameters): MintEffects {
  const nowSeconds = () => Math.floor(Date.parse(p.now()) / 1000);
  return {
    sign: (draft) =>
      signDraftManifest(p.wallet, { draft, collection: p.contracts.collection, chainId: p.chainId, now: p.now() }),
    pin: (draft, onProgress: (progress: PinProgress) => void) => p.pin(draft, onProgress),
    split: (draft) => createRoyaltySplit(p.wallet, { draft, contracts: p.contracts }),
    sendMint: (draft) => sendMint(p.wallet, { draft, collection: p.contracts.collection }),
    confirm: (draft) => confirmMint(p.publicClient, { draft, chainId: p.chainId }),
    voucher: (draft) =>
      signVoucher(p.wallet, {
        draft,
        collection: p.contracts.collection,
        chainId: p.chainId,
        nowSeconds: nowSeconds(),
        currency: p.currency,
        ...(p.stablecoin ? { stablecoin: p.stablecoin } : {}),
      }),
    save: p.save,
    now: p.now,
  };
}
