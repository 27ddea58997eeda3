import type { Account, Chain, Client, Transport } from 'viem';
import { signTypedData, type SignTypedDataErrorType } from 'viem/actions';
import { signManifest } from '../provenance/signed-manifest';
import type { DraftProgress, MintDraft } from './draft';
import { manifestForDraft, type DraftMismatchError } from './manifest';

export type SignDraftManifestParameters = { draft: MintDraft; collection: `0x${string}`; chainId: number; now: string };
export type SignDraftManifestReturnType = NonNullable<DraftProgress['signed']>;
export type SignDraftManifestErrorType = SignTypedDataErrorType | DraftMismatchError;

/** Step `sign`: builds the draft's manifest and has the connected account sign it (EIP-712, bound to chain and collection). */
export async function signDraftManifest(
  client: Client<Transport, Chain | undefined, Account>,
  { draft, collection, chainId, now }: SignDraftManifestParameters,
): Promise<SignDraftManifestReturnType> {
  const account = client.account;
  const manifest = await manifestForDraft(draft, account.address, now);
  const signed = await signManifest({
    manifest,
    chainId,
    verifyingContract: collection,
    sign: (typedData) => signTypedData(client, { ...typedData, account }),
  });
  return { manifestJson: JSON.stringify(signed), manifestDigest: signed.manifestDigest, creator: account.address };
}
