import { mnemonicToAccount } from 'viem/accounts';
import { toHex } from 'viem';

/**
 * anvil's well-known test mnemonic. These keys are PUBLIC: anyone can take funds sent to them on any real chain.
 * They exist only so the local chain has funded wallets; Motif never uses them on another chain.
 */
export const LOCAL_DEV_MNEMONIC = 'test test test test test test test test test test test junk';

export type DevAccount = { index: number; role: string; address: `0x${string}`; privateKey: `0x${string}` };

const ROLES = [
  'deployer',
  'creator',
  'collector',
  'label',
  'payee',
  'payee',
  'collector',
  'collector',
  'creator',
  'creator',
];

/** The first `count` anvil dev accounts, with a suggested role each in the demo. */
export function localDevAccounts(count = 10): DevAccount[] {
  return Array.from({ length: count }, (_, index) => {
    const account = mnemonicToAccount(LOCAL_DEV_MNEMONIC, { addressIndex: index });
    const key = account.getHdKey().privateKey;
    if (!key) throw new Error('HD key has no private key');
    return { index, role: ROLES[index] ?? 'spare', address: account.address, privateKey: toHex(key) };
  });
}
