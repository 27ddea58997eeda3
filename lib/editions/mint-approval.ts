import type { Account, Address, Chain, Hex, Transport, WalletClient } from 'viem';

/**
 * EIP-712 mint approvals for signature-gated phases (contracts/Editions.sol `MintApproval`): the creator or their
 * signer approves one minter for a quantity in one phase of one edition; the nonce is used once per edition and
 * the domain binds the approval to this chain and contract.
 */
export const mintApprovalTypes = {
  MintApproval: [
    { name: 'editionId', type: 'uint256' },
    { name: 'phase', type: 'uint256' },
    { name: 'minter', type: 'address' },
    { name: 'quantity', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

export function editionsDomain(chainId: number, verifyingContract: Address) {
  return { name: 'Motif Editions', version: '1', chainId, verifyingContract } as const;
}

export type MintApproval = {
  editionId: bigint;
  phase: bigint;
  minter: Address;
  quantity: bigint;
  nonce: bigint;
  deadline: bigint;
};

export type SignMintApprovalParameters = { editions: Address; approval: MintApproval };

/** Signs an approval with the signer's wallet (the creator, or the signer they set with `setMintSigner`). */
export async function signMintApproval(
  wallet: WalletClient<Transport, Chain | undefined, Account>,
  params: SignMintApprovalParameters,
): Promise<Hex> {
  const chainId = wallet.chain?.id ?? (await wallet.getChainId());
  return wallet.signTypedData({
    account: wallet.account,
    domain: editionsDomain(chainId, params.editions),
    types: mintApprovalTypes,
    primaryType: 'MintApproval',
    message: params.approval,
  });
}
