'use client';

import { useId, useState } from 'react';
import type { Address } from 'viem';
import type { EditionView } from '../../../../lib/editions/edition-view';
import { quoteMint } from '../../../../lib/editions/pricing';
import { MAX_COMMENT_BYTES } from '../../../../lib/editions/schedule';
import { shortHex } from '../../../../lib/format/short-hex';
import { useNativeCurrency } from '../../../_hooks/use-chain-info';
import { TxStatus } from '../tx-status';
import { useCollect } from './use-collect';

/** Collect in the phase selling now: quantity, optional comment, what is paid and where it goes, then the mint. */
export function CollectForm({
  edition,
  phase,
  viewer,
  referrer,
  format,
}: {
  edition: EditionView;
  phase: EditionView['phases'][number];
  viewer: Address | undefined;
  referrer: Address | null;
  /** Formats an amount in the phase's currency. */
  format: (baseUnits: bigint | string) => string;
}) {
  const ids = useId();
  const [quantityText, setQuantityText] = useState('1');
  const [comment, setComment] = useState('');
  const { collect, problem, tx, ready } = useCollect(edition, viewer, referrer);
  const native = useNativeCurrency();
  const quantity = /^\d{1,4}$/.test(quantityText) ? Number(quantityText) : 0;
  const commentBytes = new TextEncoder().encode(comment).length;
  const quote = quoteMint({
    price: BigInt(phase.priceWei),
    quantity: Math.max(quantity, 1),
    referralBps: edition.referralBps,
    withReferrer: referrer !== null,
  });
  return (
    <form
      aria-label="Collect this edition"
      onSubmit={(event) => {
        event.preventDefault();
        void collect(phase, quantity, comment);
      }}
    >
      {!viewer && <p className="muted">Connect a wallet (top right) to collect.</p>}
      <label htmlFor={`${ids}-quantity`}>Copies</label>
      <input
        id={`${ids}-quantity`}
        name="quantity"
        inputMode="numeric"
        value={quantityText}
        onChange={(e) => setQuantityText(e.target.value)}
        aria-invalid={quantity < 1}
      />
      {phase.mode === 'signature' && (
        <span className="muted"> (an approval is for a set number of copies: that number is collected)</span>
      )}
      <label htmlFor={`${ids}-comment`}>Comment (optional, shown on the wall)</label>
      <input
        id={`${ids}-comment`}
        name="comment"
        value={comment}
        maxLength={MAX_COMMENT_BYTES}
        onChange={(e) => setComment(e.target.value)}
        aria-describedby={`${ids}-comment-help`}
      />
      <span id={`${ids}-comment-help`} className="muted">
        {commentBytes}/{MAX_COMMENT_BYTES} bytes
      </span>
      <p data-testid="edition-quote">
        You pay {format(quote.payment)}
        {/* a token price (issue #20): the network fee is still paid in the chain's own currency */}
        {phase.currency && ` (approve the token first if asked; the network fee is gas in ${native.symbol})`}
        {referrer && (
          <>
            {' '}
            · {shortHex(referrer)} (who referred you) is credited {format(quote.referralCredit)}
          </>
        )}{' '}
        · the creator’s split receives {format(quote.creatorNet)}.
      </p>
      <button type="submit" disabled={!viewer || tx.busy || !ready}>
        Collect
      </button>
      {problem && <p role="alert">{problem}</p>}
      <TxStatus state={tx.state} />
    </form>
  );
}
