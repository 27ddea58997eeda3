'use client';

import { useEffect, useState } from 'react';
import { useChainId } from 'wagmi';
import { useMotifContract } from '../_hooks/use-motif-contract';
import { voucherLink } from './voucher-link';

type Stored = { phase: 'storing' } | { phase: 'stored'; path: string } | { phase: 'error'; message: string };

/**
 * Stores the signed voucher on the server (POST /api/vouchers, which checks its signature) and shows its short link
 * (/c/<id>) with a Copy button. If it cannot be stored, says why and falls back to the long link (the voucher's JSON
 * in the URL), which the track page still reads.
 */
export function VoucherShortLink({ tokenId, json }: { tokenId: string; json: string }) {
  const chainId = useChainId();
  const collection = useMotifContract('TrackCollection');
  const address = collection?.address;
  const [stored, setStored] = useState<Stored>({ phase: 'storing' });
  const [copied, setCopied] = useState('');

  useEffect(() => {
    if (!address) return;
    let live = true;
    const signed = JSON.parse(json) as object;
    fetch('/api/vouchers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...signed, chainId, collection: address }),
    })
      .then(async (res) => {
        const body = (await res.json()) as { path?: string; error?: string; issues?: string[] };
        if (!res.ok || !body.path) throw new Error([body.error, ...(body.issues ?? [])].filter(Boolean).join(': '));
        if (live) setStored({ phase: 'stored', path: body.path });
      })
      .catch((error: unknown) => {
        if (live) setStored({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      live = false;
    };
  }, [json, chainId, address]);

  if (stored.phase === 'storing') return <p role="status">Making the voucher’s short link…</p>;
  if (stored.phase === 'error')
    return (
      <p>
        <span role="alert">The short link could not be made: {stored.message}.</span>{' '}
        <a href={voucherLink(tokenId, json)}>Long link to the voucher</a>
      </p>
    );
  const url = new URL(stored.path, window.location.origin).toString();
  return (
    <p className="voucher-short-link">
      Collect link:{' '}
      <a href={stored.path} data-testid="voucher-short-link">
        {url}
      </a>{' '}
      <button
        type="button"
        className="button-secondary"
        onClick={() =>
          void navigator.clipboard.writeText(url).then(
            () => setCopied('Copied'),
            () => setCopied('Copy failed: select the link and copy it'),
          )
        }
      >
        Copy link
      </button>{' '}
      <span role="status" aria-live="polite">
        {copied}
      </span>
    </p>
  );
}
