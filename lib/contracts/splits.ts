import { concat, encodeAbiParameters, getContractAddress, keccak256, type Address, type Hex } from 'viem';
import { MAX_SPLIT_RECIPIENTS, SPLIT_SHARE_SCALE, type NormalizedSplit } from '../splits';

export type SplitRecipient = { account: Address; share: number };
export type { NormalizedSplit };
export const ZERO_ADDRESS: Address = '0x0000000000000000000000000000000000000000';

/**
 * Sorts recipients by address (SplitMain requires ascending, unique accounts) and checks that the shares are
 * positive integers summing to exactly SPLIT_SHARE_SCALE (100%). Throws with a readable message otherwise.
 */
export function normalizeSplit(recipients: readonly SplitRecipient[]): NormalizedSplit {
  if (recipients.length === 0) throw new Error('a split needs at least one recipient');
  if (recipients.length > MAX_SPLIT_RECIPIENTS)
    throw new Error(`a split has at most ${MAX_SPLIT_RECIPIENTS} recipients`);
  const sorted = [...recipients].sort((a, b) => (BigInt(a.account) < BigInt(b.account) ? -1 : 1));
  let sum = 0;
  sorted.forEach((r, i) => {
    if (!Number.isInteger(r.share) || r.share <= 0) throw new Error(`share of ${r.account} must be a positive integer`);
    if (i > 0 && BigInt(sorted[i - 1]?.account ?? '0x0') === BigInt(r.account))
      throw new Error(`duplicate recipient ${r.account}`);
    sum += r.share;
  });
  if (sum !== SPLIT_SHARE_SCALE) throw new Error(`shares sum to ${sum}, expected ${SPLIT_SHARE_SCALE}`);
  return { accounts: sorted.map((r) => r.account), shares: sorted.map((r) => r.share) };
}

/**
 * SplitMain.hashSplit: keccak256(abi.encode(accounts, shares)). The encoding carries both lengths, so no other cut of
 * the same words hashes the same (v1 hashed the bare concatenation, and a recut list redirected a split's balance).
 */
export function hashSplit({ accounts, shares }: NormalizedSplit): Hex {
  return keccak256(encodeAbiParameters([{ type: 'address[]' }, { type: 'uint32[]' }], [accounts, shares]));
}

/** Creation code of a split's wallet (contracts/splits/SplitWallet.sol). */
export function splitWalletInitCode(splitMain: Address, hash: Hex): Hex {
  return concat([
    '0x605e8060095f395ff33615603c573373',
    splitMain,
    '0x146022575f5ffd5b5f5f604036038060405f375f6020355f355af1603c575f5ffd5b00',
    hash,
  ]);
}

/** Address SplitMain.createSplit will deploy, computed off-chain (same as `predictSplitAddress`). */
export function predictSplitAddress(
  splitMain: Address,
  split: NormalizedSplit,
  controller: Address = ZERO_ADDRESS,
): Address {
  const hash = hashSplit(split);
  const salt = keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'address' }], [hash, controller]));
  return getContractAddress({
    opcode: 'CREATE2',
    from: splitMain,
    salt,
    bytecode: splitWalletInitCode(splitMain, hash),
  });
}
