'use client';

import { useId } from 'react';
import { canAfford, formatNative } from '../../lib/mint/fee';
import type { FeeEstimateState } from './use-fee-estimate';

export type FeePreviewProps = {
  estimate: FeeEstimateState;
  connected: boolean;
  deployed: boolean;
  formValid: boolean;
  symbol: string;
};

/** The network fee before any signature, and whether the balance covers it. */
export function FeePreview({ estimate, connected, deployed, formValid, symbol }: FeePreviewProps) {
  const id = useId();
  const { fee, balance, error } = estimate;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>Fee</h2>
      {!connected && <p role="status">Connect a wallet (menu at the top) to see the fee and mint.</p>}
      {connected && !deployed && <p role="alert">The Motif contracts are not deployed on this chain.</p>}
      {!formValid && <p role="status">Fix the fields above to see the fee.</p>}
      {error && (
        <p role="alert">
          {error}{' '}
          <button type="button" onClick={estimate.retry}>
            Estimate again
          </button>
        </p>
      )}
      {fee && (
        <div data-testid="fee">
          <p>
            Estimated network fee: <strong>{formatNative(fee.totalWei, symbol)}</strong> (
            {fee.lines.map((l) => `${l.label}: ${l.gas} gas`).join(', ') || 'no transaction'} at{' '}
            {formatNative(fee.feePerGas, symbol)} per gas
            {fee.parentDataWei > 0n ? (
              <>
                , plus <span data-testid="parent-data-fee">{formatNative(fee.parentDataWei, symbol)}</span> for posting
                the transaction to the chain this one settles on
              </>
            ) : null}
            ).
            {fee.maxTotalWei > fee.totalWei ? (
              <> At most {formatNative(fee.maxTotalWei, symbol)} if the network gets busier before it is included.</>
            ) : null}
          </p>
          {balance !== null && !canAfford(balance, fee) && (
            <p role="alert">Your balance ({formatNative(balance, symbol)}) does not cover this fee.</p>
          )}
        </div>
      )}
    </section>
  );
}
