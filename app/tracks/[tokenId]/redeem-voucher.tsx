'use client';

import { useEffect, useState } from 'react';
import { useChainId, useConfig, useConnection, useReadContract } from 'wagmi';
import { trackIdOf } from '../../../lib/contracts/track-id';
import { shortHex } from '../../../lib/format/short-hex';
import { useMotifContract } from '../../_hooks/use-motif-contract';
import { redeemSteps, useVoucherPrice } from '../../_hooks/redeem-step';
import { useTx } from '../../_hooks/use-tx';
import { TxStatus } from './tx-status';
import { parseSignedVoucher } from '../../../lib/vouchers/signed-voucher';

/** Redeem a creator's signed lazy-mint voucher for this track: pasted JSON, or linked with ?voucher=<JSON or URL>. */
export function RedeemVoucher({ tokenId, linked }: { tokenId: string; linked: string | null }) {
  const [text, setText] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const config = useConfig();
  const priceOf = useVoucherPrice();
  const chainId = useChainId();
  const connection = useConnection();
  const collection = useMotifContract('TrackCollection');
  const tx = useTx();

  useEffect(() => {
    if (!linked) return;
    if (linked.trim().startsWith('{')) {
      setText(linked);
      return;
    }
    fetch(linked)
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        setText(await res.text());
      })
      .catch((error: unknown) =>
        setLoadError(`Could not load the linked voucher: ${error instanceof Error ? error.message : String(error)}`),
      );
  }, [linked]);

  const parsed = text.trim() ? parseSignedVoucher(text) : null;
  const voucher = parsed?.ok ? parsed.value.voucher : null;
  // A voucher mints trackIdOf(its signer, its content): only that id is this page's track.
  const wrongTrack = voucher !== null && trackIdOf(voucher.creator, voucher.content).toString() !== tokenId;
  const used = useReadContract({
    ...(collection ?? { address: undefined, abi: undefined }),
    functionName: 'nonceUsed',
    args: voucher ? [voucher.creator, voucher.nonce] : undefined,
    query: { enabled: collection !== null && voucher !== null },
  });
  const expired = voucher !== null && voucher.deadline < BigInt(Math.floor(Date.now() / 1000));

  return (
    <form
      aria-label="Redeem a voucher"
      onSubmit={(e) => {
        e.preventDefault();
        if (!parsed?.ok || !collection || !connection.address || wrongTrack) return;
        const account = connection.address;
        const price = priceOf(parsed.value.voucher);
        void tx.run(
          'Redeem voucher',
          redeemSteps(config, collection.address, parsed.value, account, `Mint and pay ${price.text}`, price.symbol),
        );
      }}
    >
      <h3>Redeem a voucher</h3>
      <p className="muted">
        This track is not minted yet. A creator’s signed voucher lets you mint it to your wallet for its price.
      </p>
      <label>
        Voucher (JSON)
        <textarea name="voucher" rows={6} cols={60} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      {loadError && <p role="alert">{loadError}</p>}
      {parsed && !parsed.ok && <p role="alert">{parsed.error}</p>}
      {voucher && (
        <dl className="fee-breakdown" aria-label="What redeeming costs">
          <dt>You pay</dt>
          <dd>
            {priceOf(voucher).text} to the creator {shortHex(voucher.creator)}’s payout address{' '}
            {shortHex(voucher.payout)}
          </dd>
          <dt>Platform fee</dt>
          <dd>none on vouchers</dd>
          <dt>Royalty on later sales</dt>
          <dd>
            {voucher.royaltyBps / 100}% to {shortHex(voucher.royaltyReceiver)}
          </dd>
          <dt>Valid until</dt>
          <dd>{new Date(Number(voucher.deadline) * 1000).toLocaleString()}</dd>
        </dl>
      )}
      {wrongTrack && <p role="alert">This voucher is for another track.</p>}
      {expired && <p role="alert">This voucher has expired.</p>}
      {/* after this wallet's own redemption the nonce reads as used too: that is the success above, not a refusal */}
      {used.data === true && tx.state.phase !== 'confirmed' && (
        <p role="alert">This voucher was already redeemed or cancelled.</p>
      )}
      {!connection.address && <p className="muted">Connect a wallet to redeem.</p>}
      {connection.address && connection.chainId !== chainId && (
        <p role="alert">Switch your wallet to chain {chainId} first.</p>
      )}
      <button
        type="submit"
        disabled={!voucher || wrongTrack || expired || used.data === true || !connection.address || tx.busy}
      >
        Redeem{voucher ? ` for ${priceOf(voucher).text}` : ''}
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}
