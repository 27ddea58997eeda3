'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useChainId, useConfig, useConnection, useReadContract } from 'wagmi';
import { isCurrencyVoucher } from '../../../lib/contracts/voucher';
import type { VoucherState } from '../../../lib/vouchers/voucher-state';
import { parseSignedVoucher } from '../../../lib/vouchers/signed-voucher';
import { useMotifContract } from '../../_hooks/use-motif-contract';
import { redeemSteps, useVoucherPrice } from '../../_hooks/redeem-step';
import { useTx } from '../../_hooks/use-tx';
import { TxStatus } from '../../tracks/[tokenId]/tx-status';
import { CancelVoucher } from './cancel-voucher';

const ENDED: Record<Exclude<VoucherState, 'open'>, string> = {
  redeemed: 'This voucher was collected: the track is minted.',
  cancelled: 'The creator cancelled this voucher: it can no longer be collected.',
  expired: 'This voucher has expired: it can no longer be collected.',
};

/**
 * The Collect button of a stored voucher: redeems it (mints the track to the connected wallet and pays its price to
 * the creator) through TrackCollection.redeem, then opens the minted track. A voucher that the index (`state`) or the
 * chain (its nonce used) says is over shows why, and no button.
 */
export function CollectVoucher({
  tokenId,
  signedJson,
  state,
}: {
  tokenId: string;
  signedJson: string;
  state: VoucherState;
}) {
  const config = useConfig();
  const priceOf = useVoucherPrice();
  const chainId = useChainId();
  const connection = useConnection();
  const collection = useMotifContract('TrackCollection');
  const router = useRouter();
  const tx = useTx();
  const parsed = parseSignedVoucher(signedJson);
  const signed = parsed.ok ? parsed.value : null;
  const used = useReadContract({
    ...(collection ?? { address: undefined, abi: undefined }),
    functionName: 'nonceUsed',
    args: signed ? [signed.voucher.creator, signed.voucher.nonce] : undefined,
    query: { enabled: collection !== null && signed !== null && state === 'open' },
  });
  const trackLink = (
    <Link className="button" href={`/tracks/${tokenId}`}>
      See the track
    </Link>
  );

  if (!signed) return <p role="alert">This voucher cannot be read.</p>;
  if (state !== 'open')
    return (
      <div data-testid="voucher-state" data-state={state}>
        <p role="status">{ENDED[state]}</p>
        {state === 'redeemed' && trackLink}
      </div>
    );
  if (used.data === true && tx.state.phase !== 'confirmed')
    return (
      <div data-testid="voucher-state" data-state="used">
        <p role="status">This voucher was just collected or cancelled: it can no longer be collected.</p>
        {trackLink}
      </div>
    );

  const account = connection.address;
  const wrongChain = account !== undefined && connection.chainId !== chainId;
  const price = priceOf(signed.voucher);
  const collect = async () => {
    if (!collection || !account) return;
    const ok = await tx.run(
      'Collect',
      redeemSteps(config, collection.address, signed, account, `Mint and pay ${price.text}`, price.symbol),
    );
    if (ok) router.push(`/tracks/${tokenId}`);
  };
  return (
    <div className="collect">
      {!account && <p className="muted">Connect a wallet to collect this track.</p>}
      {wrongChain && <p role="alert">Switch your wallet to chain {chainId} first.</p>}
      <button
        type="button"
        className="button-large"
        disabled={!account || wrongChain || !collection || tx.busy}
        onClick={() => void collect()}
      >
        Collect for {price.text}
      </button>
      <p className="muted">
        Collecting mints the track to your wallet and pays its price to the creator; no platform fee.
        {isCurrencyVoucher(signed.voucher)
          ? ` Priced in ${price.symbol}: your wallet first allows the collection to take exactly the price.`
          : ''}{' '}
        Royalty on later sales: {signed.voucher.royaltyBps / 100}%.
      </p>
      <TxStatus state={tx.state} />
      <CancelVoucher creator={signed.voucher.creator} nonce={signed.voucher.nonce} />
    </div>
  );
}
