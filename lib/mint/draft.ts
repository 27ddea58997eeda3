/**
 * The mint draft: what the studio handed over (request, result digest, composed arrangement, edit ops, render info,
 * WAV and MIDI bytes), what the creator filled in, and the output of every finished step, so a retry (or a reload)
 * resumes from the step that failed. Pure data (structured-clone friendly, stored in IndexedDB by draft-store.ts).
 */
import { z } from 'zod';
import { arrangementSchema } from '../generation/arrangement/types';
import { composeRequestSchema } from '../generation/compose/request';
import { editOpSchema } from '../generation/edit-log/schema';
import { LICENCES } from '../contracts/licences';
import { renderSchema } from '../provenance/manifest-schema';
import type { CoverMediaType } from '../provenance/optional-files';
import { creditDetailsSchema } from './credits';
import { splitFormSchema } from './split';

export const DRAFT_VERSION = 1;

export const studioSessionSchema = z.object({
  request: composeRequestSchema,
  /** ComposeResult.digest, .progression, .backend. */
  digest: z.string(),
  progression: z.array(z.string()),
  backend: z.string(),
  /** The arrangement compose returned, before any edit. */
  composed: arrangementSchema,
  ops: z.array(editOpSchema),
  render: renderSchema,
  weightsCid: z.string(),
});
export type StudioSession = z.infer<typeof studioSessionSchema>;

export const GENRES = [
  'Ambient',
  'Classical',
  'Electronic',
  'Folk',
  'Hip-hop',
  'Jazz',
  'Pop',
  'Rock',
  'Soundtrack',
  'Other',
] as const;

export const detailsSchema = z
  .object({
    title: z.string().trim().min(1, 'Give the track a title').max(200, 'The title is at most 200 characters'),
    description: z.string().max(5000, 'The description is at most 5000 characters'),
    genre: z.enum(GENRES, 'Choose a genre'),
    licence: z.enum(LICENCES, 'Choose a licence'),
    split: splitFormSchema,
    mode: z.enum(['mint', 'voucher']),
    /** Voucher price (decimal text), only for `voucher`: in the native token, or in the stablecoin if `priceIn` says so. */
    price: z.string(),
    /**
     * What a voucher's price is written in (issue #20): the chain's native currency (absent, as in drafts saved before)
     * or the platform's configured stablecoin (a CurrencyVoucher).
     */
    priceIn: z.enum(['native', 'stablecoin']).optional(),
  })
  .extend(creditDetailsSchema.shape);
export type MintDetails = z.infer<typeof detailsSchema>;

export type Hex = `0x${string}`;

/** Outputs of the finished steps (each present once its step succeeded). */
export type DraftProgress = {
  signed?: { manifestJson: string; manifestDigest: Hex; creator: Hex };
  pinned?: { cid: string; tokenId: string; contentDigest: Hex; manifestDigest: Hex };
  split?: { address: Hex; txHash?: Hex };
  mintTx?: Hex;
  minted?: { tokenId: string; txHash: Hex; blockNumber: string };
  voucher?: { json: string };
};

export type FailureKind = 'rejected' | 'insufficient-funds' | 'reverted' | 'pin' | 'invalid' | 'network' | 'unknown';
export type DraftFailure = { step: string; kind: FailureKind; message: string; at: string };

export type MintDraft = {
  version: typeof DRAFT_VERSION;
  id: string;
  createdAt: string;
  updatedAt: string;
  session: StudioSession;
  wav: Uint8Array;
  midi: Uint8Array;
  /** A cover the creator uploaded (lib/mint/cover.ts); absent: the generated cover.svg. */
  cover?: { bytes: Uint8Array; mediaType: CoverMediaType; name: string };
  details: MintDetails;
  progress: DraftProgress;
  failure?: DraftFailure;
};

export function defaultDetails(creator?: string): MintDetails {
  return {
    title: '',
    description: '',
    genre: 'Electronic',
    licence: 'CC-BY-4.0',
    split: { royaltyPercent: '5', payees: [{ address: creator ?? '', percent: '100' }], controller: '' },
    mode: 'mint',
    price: '0.01',
  };
}

export function newDraft(params: {
  id: string;
  now: string;
  session: StudioSession;
  wav: Uint8Array;
  midi: Uint8Array;
  details?: MintDetails;
}): MintDraft {
  return {
    version: DRAFT_VERSION,
    id: params.id,
    createdAt: params.now,
    updatedAt: params.now,
    session: studioSessionSchema.parse(params.session),
    wav: params.wav,
    midi: params.midi,
    details: params.details ?? defaultDetails(),
    progress: {},
  };
}
