'use client';

import { useEffect, useId, useState } from 'react';
import { getAddress, isAddress, zeroAddress, type Address, type Hex } from 'viem';
import { useBlock, useConfig, useConnection } from 'wagmi';
import { simulateContract, writeContract } from 'wagmi/actions';
import type { EditionView } from '../../../../lib/editions/edition-view';
import { quoteMint } from '../../../../lib/editions/pricing';
import { activePhase, MAX_COMMENT_BYTES, nextPhase } from '../../../../lib/editions/schedule';
import { shortHex } from '../../../../lib/format/short-hex';
import { useFormatAmount } from '../../../_hooks/use-chain-info';
import { useMotifContract } from '../../../_hooks/use-motif-contract';
import { useTx } from '../../../_hooks/use-tx';
import { TxStatus } from '../tx-status';

/**
 * The chain's time in seconds, ticking once a second (the countdown): the contract opens and closes phases by block
 * time, so the page follows the latest block's timestamp (plus the seconds since it was read), not the device clock.
 */
function useChainNow(): number {
  const block = useBlock({ query: { refetchInterval: 4_000 } });
  const [local, setLocal] = useState(() => Date.now() / 1000);
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setLocal(Date.now() / 1000), 1000);
    return () => clearInterval(timer);
  }, []);
  const timestamp = block.data?.timestamp;
  useEffect(() => {
    if (timestamp !== undefined) setOffset(Number(timestamp) - Date.now() / 1000);
  }, [timestamp]);
  // Never earlier than the block itself (a block read a moment ago already happened).
  return Math.floor(Math.max(local + offset, timestamp !== undefined ? Number(timestamp) : 0));
}

function countdown(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return d > 0 ? `${d}d ${h}h ${m}m` : `${h}h ${String(m).padStart(2, '0')}m ${String(s).padStart(2, '0')}s`;
}

const MODE_LABEL = {
  public: 'Public sale',
  allowlist: 'Presale (allowlist)',
  signature: 'Approved collectors only',
} as const;

/** One edition on the track page: copies minted / cap, the phase selling now with a countdown, Collect, the wall. */
export function EditionPanel({
  tokenId,
  edition,
  refParam,
}: {
  tokenId: string;
  edition: EditionView;
  refParam: string | null;
}) {
  const config = useConfig();
  const connection = useConnection();
  const editions = useMotifContract('Editions');
  const eth = useFormatAmount();
  const tx = useTx();
  const now = useChainNow();
  const ids = useId();
  const [quantityText, setQuantityText] = useState('1');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const [origin, setOrigin] = useState<string | null>(null);
  useEffect(() => setOrigin(window.location.origin), []);
  const viewer = connection.address;
  // A referrer named in the link, unless it is the viewer (the contract refuses self-referral).
  const referrer: Address | null =
    refParam && isAddress(refParam, { strict: false }) && getAddress(refParam) !== viewer ? getAddress(refParam) : null;
  const activeIndex = activePhase(edition.phases, now);
  const active = activeIndex === null ? null : edition.phases[activeIndex]!;
  const upcomingIndex = nextPhase(edition.phases, now);
  const upcoming = upcomingIndex === null ? null : edition.phases[upcomingIndex]!;
  const soldOut = edition.maxSupply > 0 && edition.minted >= edition.maxSupply;
  const closed = edition.closeAt > 0 && now >= edition.closeAt;
  const quantity = /^\d{1,4}$/.test(quantityText) ? Number(quantityText) : 0;
  const commentBytes = new TextEncoder().encode(comment).length;
  const quote = active
    ? quoteMint({
        price: BigInt(active.priceWei),
        quantity: Math.max(quantity, 1),
        referralBps: edition.referralBps,
        withReferrer: referrer !== null,
      })
    : null;

  const collect = async () => {
    setProblem(null);
    if (!editions || !viewer || !active || activeIndex === null) return;
    if (quantity < 1) return setProblem('Enter how many copies to collect (1 or more).');
    if (commentBytes > MAX_COMMENT_BYTES)
      return setProblem(`The comment is ${commentBytes} bytes; at most ${MAX_COMMENT_BYTES}.`);
    const editionId = BigInt(edition.editionId);
    const common = [
      editionId,
      BigInt(activeIndex),
      BigInt(quantity),
      viewer,
      referrer ?? zeroAddress,
      comment,
    ] as const;
    const value = BigInt(active.priceWei) * BigInt(quantity);
    let proof: Hex[] = [];
    if (active.mode === 'allowlist') {
      const answer = await fetch(`/api/editions/${edition.editionId}/proof?phase=${activeIndex}&account=${viewer}`);
      const body: unknown = await answer.json();
      if (!answer.ok) {
        const message =
          typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string'
            ? body.error
            : `proof request failed (${answer.status})`;
        return setProblem(`You cannot collect in the presale: ${message}.`);
      }
      proof =
        typeof body === 'object' && body !== null && 'proof' in body && Array.isArray(body.proof)
          ? body.proof.filter((h): h is Hex => typeof h === 'string' && /^0x[0-9a-f]{64}$/i.test(h))
          : [];
    }
    if (active.mode === 'signature')
      return setProblem('This phase needs an approval signed by the creator; ask them for one.');
    await tx.run(`Collect ${quantity} ${quantity === 1 ? 'copy' : 'copies'}`, [
      {
        label: 'Collect',
        send: async () => {
          if (active.mode === 'allowlist') {
            const { request } = await simulateContract(config, {
              ...editions,
              functionName: 'mintAllowlisted',
              args: [...common, proof],
              value,
              account: viewer,
            });
            return writeContract(config, request);
          }
          const { request } = await simulateContract(config, {
            ...editions,
            functionName: 'mint',
            args: common,
            value,
            account: viewer,
          });
          return writeContract(config, request);
        },
      },
    ]);
  };

  const referralLink = viewer && origin ? `${origin}/tracks/${tokenId}?ref=${viewer}` : null;

  return (
    <div className="edition" data-testid="edition" data-edition-id={edition.editionId}>
      <p>
        <strong data-testid="edition-minted">
          {edition.minted} / {edition.maxSupply > 0 ? edition.maxSupply : '∞'}
        </strong>{' '}
        copies collected
        {edition.closeAt > 0 && <> · {closed ? 'closed' : `closes in ${countdown(edition.closeAt - now)}`}</>}
        {edition.referralBps > 0 && <> · referrers earn {edition.referralBps / 100}%</>}
      </p>
      {soldOut || closed ? (
        <p role="status">{soldOut ? 'Sold out.' : 'This edition is closed.'}</p>
      ) : active ? (
        <p role="status" data-testid="edition-phase">
          {MODE_LABEL[active.mode]} (phase {activeIndex! + 1}) · {eth(active.priceWei)} per copy · ends in{' '}
          <span aria-live="off">{countdown(active.end - now)}</span>
          {active.walletCap > 0 && <> · at most {active.walletCap} per wallet</>}
        </p>
      ) : upcoming ? (
        <p role="status" data-testid="edition-phase">
          {MODE_LABEL[upcoming.mode]} (phase {upcomingIndex! + 1}) opens in {countdown(upcoming.start - now)} at{' '}
          {eth(upcoming.priceWei)} per copy.
        </p>
      ) : (
        <p role="status">No sale phase is open.</p>
      )}

      {active && !soldOut && !closed && (
        <form
          aria-label="Collect this edition"
          onSubmit={(event) => {
            event.preventDefault();
            void collect();
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
          {quote && (
            <p data-testid="edition-quote">
              You pay {eth(quote.payment)}
              {referrer && (
                <>
                  {' '}
                  · {shortHex(referrer)} (who referred you) is credited {eth(quote.referralCredit)}
                </>
              )}{' '}
              · the creator’s split receives {eth(quote.creatorNet)}.
            </p>
          )}
          <button type="submit" disabled={!viewer || tx.busy || !editions}>
            Collect
          </button>
          {problem && <p role="alert">{problem}</p>}
          <TxStatus state={tx.state} />
        </form>
      )}

      {referralLink && edition.referralBps > 0 && (
        <p>
          <label htmlFor={`${ids}-ref`}>
            Your referral link (you earn {edition.referralBps / 100}% of each copy collected through it)
          </label>{' '}
          <input id={`${ids}-ref`} readOnly value={referralLink} data-testid="edition-referral-link" size={60} />
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(referralLink).then(
                () => setCopied(true),
                () => setCopied(false),
              );
            }}
          >
            Copy
          </button>
          <span role="status" aria-live="polite">
            {copied ? 'Copied.' : ''}
          </span>
        </p>
      )}

      <h3 id={`${ids}-wall`}>Collectors</h3>
      {edition.wall.length === 0 ? (
        <p className="muted">No copies collected yet: be the first.</p>
      ) : (
        <ol aria-labelledby={`${ids}-wall`} className="collectors-wall" data-testid="collectors-wall">
          {edition.wall.map((w) => (
            <li key={`${w.txHash}-${w.firstNumber}`}>
              <strong>
                #{w.firstNumber}
                {w.quantity > 1 ? `–${w.firstNumber + w.quantity - 1}` : ''}
              </strong>{' '}
              <a href={`/profiles/${w.collector}`} title={w.collector}>
                {shortHex(w.collector)}
              </a>
              {w.kind === 'airdrop' ? <span className="muted"> (airdrop)</span> : null}
              {w.comment && (
                <>
                  {' '}
                  — <q>{w.comment}</q>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
