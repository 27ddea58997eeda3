'use client';

import { isAddressEqual, type Address } from 'viem';
import { useConfig, useConnection } from 'wagmi';
import { simulateContract, writeContract } from 'wagmi/actions';
import { useMotifContract } from '../../_hooks/use-motif-contract';
import { useTx } from '../../_hooks/use-tx';
import { TxStatus } from '../../tracks/[tokenId]/tx-status';

/**
 * For the voucher's creator only: cancels the open voucher on chain (TrackCollection.cancelNonce), after which no one
 * can collect it; the page then shows it as cancelled (the nonce read, then the indexed NonceCancelled).
 */
export function CancelVoucher({ creator, nonce }: { creator: Address; nonce: bigint }) {
  const config = useConfig();
  const account = useConnection().address;
  const collection = useMotifContract('TrackCollection');
  const tx = useTx();
  if (!account || !collection || !isAddressEqual(account, creator)) return null;
  const cancel = () =>
    tx.run('Cancel the voucher', [
      {
        label: 'Cancel the voucher',
        send: async () =>
          writeContract(
            config,
            (await simulateContract(config, { ...collection, functionName: 'cancelNonce', args: [nonce], account }))
              .request,
          ),
      },
    ]);
  return (
    <div className="cancel-voucher">
      <p className="muted">You signed this voucher. Cancelling it stops anyone from collecting it.</p>
      <button type="button" disabled={tx.busy} onClick={() => void cancel()}>
        Cancel the voucher
      </button>
      <TxStatus state={tx.state} />
    </div>
  );
}
