'use client';

import { useId, useState, type FormEvent } from 'react';
import type { VerifyTrackResponse } from '../api/tracks/verify/handler';
import { presetForChainId } from '../../lib/config/chains';
import { ORIGIN_NOTE } from '../../lib/provenance/origin-link';

const CHECK_LABELS: Record<string, string> = {
  manifest: 'Manifest is valid',
  files: 'Every file matches its CID',
  c2pa: 'The audio carries a valid C2PA manifest naming this track',
  watermark: 'The audio carries its AI watermark',
  signature: 'Signed by the creator',
  replay: 'Generation replays to the same notes',
  chain: 'On-chain record matches',
};

type State =
  | { kind: 'idle' }
  | { kind: 'loading'; id: string }
  | { kind: 'error'; message: string }
  | { kind: 'done'; result: VerifyTrackResponse };

/** The form and result list of /verify. Pass/fail is written out (and marked with a symbol), never colour alone. */
export function VerifyForm({ initialId = '' }: { initialId?: string }) {
  const inputId = useId();
  const hintId = useId();
  const [value, setValue] = useState(initialId);
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const id = value.trim();
    if (!id) {
      setState({ kind: 'error', message: 'Enter a token id or a CID.' });
      return;
    }
    setState({ kind: 'loading', id });
    try {
      const res = await fetch(`/api/tracks/verify?id=${encodeURIComponent(id)}`);
      const body = (await res.json()) as VerifyTrackResponse | { error: string };
      if ('error' in body) setState({ kind: 'error', message: body.error });
      else setState({ kind: 'done', result: body });
      window.history.replaceState(null, '', `/verify?id=${encodeURIComponent(id)}`);
    } catch (error) {
      setState({
        kind: 'error',
        message: `Verification could not run: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  return (
    <>
      <form onSubmit={onSubmit} className="filters" aria-describedby={hintId}>
        <label htmlFor={inputId}>
          Token id or CID
          <input
            id={inputId}
            name="id"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            size={64}
            autoComplete="off"
            spellCheck={false}
            required
          />
        </label>
        <button type="submit" disabled={state.kind === 'loading'}>
          {state.kind === 'loading' ? 'Verifying…' : 'Verify'}
        </button>
      </form>
      <p id={hintId} className="muted">
        A decimal or 0x token id from the collection, or a track folder CID (bafy…).
      </p>
      <div aria-live="polite" aria-busy={state.kind === 'loading'}>
        {state.kind === 'loading' && <p>Verifying {state.id}…</p>}
        {state.kind === 'error' && <p role="alert">Error: {state.message}</p>}
        {state.kind === 'done' && <VerifyResult result={state.result} />}
      </div>
    </>
  );
}

function VerifyResult({ result }: { result: VerifyTrackResponse }) {
  const passed = result.checks.filter((c) => c.pass).length;
  return (
    <section aria-labelledby="verify-result-heading">
      <h2 id="verify-result-heading">
        {result.ok ? 'Verified' : 'Not verified'}: {passed} of {result.checks.length} checks passed
      </h2>
      <p className="muted">
        Folder <code>{result.cid}</code>
        {result.tokenId ? (
          <>
            {' '}
            · token <code>{result.tokenId}</code>
          </>
        ) : null}
      </p>
      <ul className="verify-checks">
        {result.checks.map((c) => {
          const status = c.skipped ? 'Skipped' : c.pass ? 'Pass' : 'Fail';
          return (
            <li key={c.name} data-check={c.name} data-status={status.toLowerCase()}>
              <strong className={c.pass ? 'status-ok' : 'status-bad'}>
                <span aria-hidden="true">{c.skipped ? '– ' : c.pass ? '✓ ' : '✗ '}</span>
                {status}
              </strong>
              {': '}
              {CHECK_LABELS[c.name] ?? c.name}
              <br />
              <span className="muted">{c.reason}</span>
            </li>
          );
        })}
      </ul>
      {result.origin && (
        <section aria-labelledby="verify-history-heading" data-testid="verify-history">
          <h3 id="verify-history-heading">History: re-minted from another chain</h3>
          <p>
            First minted as token <code>{result.origin.tokenId}</code> of <code>{result.origin.contract}</code> on chain{' '}
            {result.origin.chainId}
            {presetForChainId(result.origin.chainId) ? ` (${presetForChainId(result.origin.chainId)?.chain.name})` : ''}
            .{' '}
            {result.origin.status === 'confirmed'
              ? 'That chain answers, and its token records the same creator and manifest.'
              : result.origin.status === 'differs'
                ? `That chain answers differently: ${result.origin.reason}.`
                : 'That chain could not be checked from here.'}
          </p>
          <p className="muted">{ORIGIN_NOTE}</p>
        </section>
      )}
      {result.summary && (
        <section aria-labelledby="verify-disclosure-heading" className="ai-disclosure" data-testid="ai-disclosure">
          <h3 id="verify-disclosure-heading">AI disclosure: {result.summary.disclosure.label}</h3>
          <p>
            <strong>What the model did:</strong> {result.summary.disclosure.model}
          </p>
          <p>
            <strong>What the person did:</strong> {result.summary.disclosure.personLine}
          </p>
          <p className="muted">Key and tempo now: {result.summary.disclosure.now}.</p>
        </section>
      )}
      {result.summary && (
        <dl>
          <dt>Model</dt>
          <dd>
            {result.summary.model} (weights <code>{result.summary.weightsCid}</code>)
          </dd>
          <dt>Seed</dt>
          <dd>{String(result.summary.seed)}</dd>
          <dt>Creator</dt>
          <dd>
            <code>{result.summary.creator}</code>
          </dd>
          <dt>Created</dt>
          <dd>{result.summary.createdAt}</dd>
          <dt>Licence</dt>
          <dd>{result.summary.licence}</dd>
          <dt>AI disclosure (IPTC digital source type)</dt>
          <dd>
            <a href={result.summary.aiDisclosure}>{result.summary.aiDisclosure.split('/').pop()}</a>
          </dd>
        </dl>
      )}
    </section>
  );
}
