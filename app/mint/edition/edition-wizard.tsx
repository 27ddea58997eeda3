'use client';

import Link from 'next/link';
import { useId, useMemo, useState } from 'react';
import { parseUnits, zeroAddress, zeroHash, type Address, type Hex } from 'viem';
import { useConfig, useConnection } from 'wagmi';
import { simulateContract, writeContract } from 'wagmi/actions';
import { parseAllowlistCsv, type AllowlistIssue } from '../../../lib/editions/allowlist-csv';
import { AllowlistTree } from '../../../lib/editions/allowlist-tree';
import { editionIdOf } from '../../../lib/editions/edition-id';
import { netPerCopy } from '../../../lib/editions/pricing';
import {
  MAX_PHASES,
  PHASE_MODES,
  toPhaseInit,
  validateSchedule,
  type PhaseInput,
  type PhaseMode,
} from '../../../lib/editions/schedule';
import { useFormatAmount, useNativeCurrency } from '../../_hooks/use-chain-info';
import { useMotifContract } from '../../_hooks/use-motif-contract';
import { useTx } from '../../_hooks/use-tx';
import { TxStatus } from '../../tracks/[tokenId]/tx-status';

export type EditionTrack = {
  tokenId: string;
  title: string;
  creator: Address;
  contentDigest: Hex;
  manifestDigest: Hex;
  licence: number;
  royaltyReceiver: Address;
  royaltyBps: number;
};

type PhaseDraft = {
  mode: PhaseMode;
  price: string;
  start: string;
  end: string;
  walletCap: string;
  phaseCap: string;
  fileName: string;
  addresses: Address[];
  csvIssues: AllowlistIssue[];
};

const MODE_LABEL: Record<PhaseMode, string> = {
  public: 'Public',
  allowlist: 'Presale (allowlist CSV)',
  signature: 'Signature-gated (you approve each mint)',
};

/** `YYYY-MM-DDTHH:MM` in local time, for datetime-local inputs. */
function localInput(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const toSeconds = (text: string): number => {
  const ms = new Date(text).getTime();
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : -1;
};
const whole = (text: string): number => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : -1);

function newPhase(mode: PhaseMode, start: number, end: number): PhaseDraft {
  return {
    mode,
    price: mode === 'allowlist' ? '0.005' : '0.01',
    start: localInput(start),
    end: localInput(end),
    walletCap: mode === 'allowlist' ? '2' : '0',
    phaseCap: '0',
    fileName: '',
    addresses: [],
    csvIssues: [],
  };
}

/** The edition wizard: terms, phase editors (allowlist CSV checked and hashed here), schedule preview, create. */
export function EditionWizard({ track }: { track: EditionTrack }) {
  const config = useConfig();
  const connection = useConnection();
  const editions = useMotifContract('Editions');
  const currency = useNativeCurrency();
  const eth = useFormatAmount();
  const tx = useTx();
  const ids = useId();
  const hour = Math.floor(Date.now() / 3_600_000) * 3600 + 3600;
  const [maxSupplyText, setMaxSupplyText] = useState('100');
  const [closeAtText, setCloseAtText] = useState('');
  const [referralText, setReferralText] = useState('5');
  const [phases, setPhases] = useState<PhaseDraft[]>(() => [
    newPhase('allowlist', hour, hour + 86_400),
    newPhase('public', hour + 86_400, hour + 8 * 86_400),
  ]);
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState(false);

  const viewer = connection.address;
  const isCreator = viewer !== undefined && viewer === track.creator;
  const editionId = editionIdOf(track.creator, track.contentDigest);
  const referralBps = /^\d{1,2}(\.\d{1,2})?$/.test(referralText.trim()) ? Math.round(Number(referralText) * 100) : -1;
  const terms = {
    maxSupply: whole(maxSupplyText),
    closeAt: closeAtText ? toSeconds(closeAtText) : 0,
    referralBps,
    royaltyBps: track.royaltyBps,
  };

  // The allowlist tree of every presale phase, built here (one file, one root for those phases).
  const tree = useMemo(() => {
    const lists = phases
      .map((p, phase) => ({ editionId, phase, addresses: p.addresses }))
      .filter((l, i) => phases[i]!.mode === 'allowlist' && l.addresses.length > 0);
    return lists.length > 0 ? AllowlistTree.build(lists) : null;
  }, [phases, editionId]);

  const inputs: PhaseInput[] = phases.map((p) => {
    let price = -1n;
    try {
      price = parseUnits(p.price.trim() || 'x', currency.decimals);
    } catch {
      price = -1n;
    }
    return {
      price,
      start: toSeconds(p.start),
      end: toSeconds(p.end),
      walletCap: whole(p.walletCap),
      phaseCap: whole(p.phaseCap),
      mode: p.mode,
      merkleRoot: p.mode === 'allowlist' && p.addresses.length > 0 && tree ? tree.root : zeroHash,
    };
  });
  const issues = [
    ...validateSchedule(terms, inputs, Math.floor(Date.now() / 1000)),
    ...phases.flatMap((p, i) =>
      p.csvIssues.map((c) => ({
        phase: i,
        field: 'csv',
        message: c.line > 0 ? `CSV line ${c.line}: ${c.message}` : `CSV: ${c.message}`,
      })),
    ),
  ];

  const update = (i: number, patch: Partial<PhaseDraft>) =>
    setPhases((list) => list.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const readCsv = async (i: number, file: File | undefined) => {
    if (!file) return;
    const parsed = parseAllowlistCsv(await file.text());
    update(
      i,
      parsed.ok
        ? { fileName: file.name, addresses: parsed.addresses, csvIssues: [] }
        : { fileName: file.name, addresses: [], csvIssues: parsed.issues },
    );
  };

  const create = async () => {
    setProblem(null);
    if (!editions || !viewer || !isCreator) return;
    if (issues.length > 0) return setProblem('Fix the problems listed above first.');
    if (tree) {
      // Pinned before the transaction: collectors fetch their proofs from this file.
      const answer = await fetch('/api/editions/allowlists', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(tree.toJson()),
      });
      if (!answer.ok) {
        const body: unknown = await answer.json().catch(() => null);
        const message =
          typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string'
            ? body.error
            : `status ${answer.status}`;
        return setProblem(`Pinning the allowlist failed: ${message}. Nothing was sent.`);
      }
    }
    const init = {
      content: track.contentDigest,
      manifest: track.manifestDigest,
      licence: track.licence,
      royaltyReceiver: track.royaltyReceiver,
      royaltyBps: track.royaltyBps,
      payout: zeroAddress,
      maxSupply: terms.maxSupply,
      closeAt: terms.closeAt,
      referralBps,
    };
    const ok = await tx.run('Create the edition', [
      {
        label: 'Create the edition',
        send: async () => {
          const { request } = await simulateContract(config, {
            ...editions,
            functionName: 'createEdition',
            args: [init, inputs.map(toPhaseInit)],
            account: viewer,
          });
          return writeContract(config, request);
        },
      },
    ]);
    setCreated(ok);
  };

  const firstPrice = inputs.find((p) => p.price >= 0n)?.price ?? 0n;
  return (
    <form
      aria-label={`Edition of ${track.title}`}
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
    >
      <p>
        Copies of <Link href={`/tracks/${track.tokenId}`}>{track.title}</Link>: same content, licence and royalty (
        {track.royaltyBps / 100}% to the track’s split, which also receives the sales).
      </p>
      <fieldset>
        <legend>Terms</legend>
        <label htmlFor={`${ids}-supply`}>Copies (0 = open edition, needs a closing time)</label>
        <input
          id={`${ids}-supply`}
          inputMode="numeric"
          value={maxSupplyText}
          onChange={(e) => setMaxSupplyText(e.target.value)}
        />
        <label htmlFor={`${ids}-close`}>Closes at (optional)</label>
        <input
          id={`${ids}-close`}
          type="datetime-local"
          value={closeAtText}
          onChange={(e) => setCloseAtText(e.target.value)}
        />
        <label htmlFor={`${ids}-referral`}>Referral share, % of each copy (0–20)</label>
        <input
          id={`${ids}-referral`}
          inputMode="decimal"
          value={referralText}
          onChange={(e) => setReferralText(e.target.value)}
        />
      </fieldset>

      {phases.map((p, i) => (
        <fieldset key={i} data-testid={`phase-${i}`}>
          <legend>Phase {i + 1}</legend>
          <label htmlFor={`${ids}-mode-${i}`}>Kind</label>
          <select
            id={`${ids}-mode-${i}`}
            value={p.mode}
            onChange={(e) => update(i, { mode: e.target.value as PhaseMode })}
          >
            {PHASE_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABEL[m]}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-price-${i}`}>Price per copy ({currency.symbol})</label>
          <input
            id={`${ids}-price-${i}`}
            inputMode="decimal"
            value={p.price}
            onChange={(e) => update(i, { price: e.target.value })}
          />
          <label htmlFor={`${ids}-start-${i}`}>Starts</label>
          <input
            id={`${ids}-start-${i}`}
            type="datetime-local"
            value={p.start}
            onChange={(e) => update(i, { start: e.target.value })}
          />
          <label htmlFor={`${ids}-end-${i}`}>Ends</label>
          <input
            id={`${ids}-end-${i}`}
            type="datetime-local"
            value={p.end}
            onChange={(e) => update(i, { end: e.target.value })}
          />
          <label htmlFor={`${ids}-wallet-${i}`}>Most copies per wallet (0 = no limit)</label>
          <input
            id={`${ids}-wallet-${i}`}
            inputMode="numeric"
            value={p.walletCap}
            onChange={(e) => update(i, { walletCap: e.target.value })}
          />
          <label htmlFor={`${ids}-cap-${i}`}>Most copies in this phase (0 = no limit)</label>
          <input
            id={`${ids}-cap-${i}`}
            inputMode="numeric"
            value={p.phaseCap}
            onChange={(e) => update(i, { phaseCap: e.target.value })}
          />
          {p.mode === 'allowlist' && (
            <>
              <label htmlFor={`${ids}-csv-${i}`}>Allowlist (CSV, one address per line)</label>
              <input
                id={`${ids}-csv-${i}`}
                type="file"
                accept=".csv,text/csv,text/plain"
                onChange={(e) => void readCsv(i, e.target.files?.[0])}
              />
              <p role="status" data-testid={`phase-${i}-allowlist`}>
                {p.addresses.length > 0
                  ? `${p.addresses.length} addresses from ${p.fileName}`
                  : p.fileName
                    ? `${p.fileName}: not usable, see below`
                    : 'No list yet.'}
              </p>
            </>
          )}
          {phases.length > 1 && (
            <button type="button" onClick={() => setPhases((list) => list.filter((_, j) => j !== i))}>
              Remove phase {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      {phases.length < MAX_PHASES && (
        <button
          type="button"
          onClick={() =>
            setPhases((list) => [
              ...list,
              newPhase('public', toSeconds(list.at(-1)?.end ?? ''), toSeconds(list.at(-1)?.end ?? '') + 86_400),
            ])
          }
        >
          Add a phase
        </button>
      )}

      <section aria-labelledby={`${ids}-preview`}>
        <h2 id={`${ids}-preview`}>Preview</h2>
        <ol data-testid="edition-schedule">
          {inputs.map((p, i) => (
            <li key={i}>
              {MODE_LABEL[p.mode]}: {p.start > 0 ? new Date(p.start * 1000).toLocaleString() : '?'} →{' '}
              {p.end > 0 ? new Date(p.end * 1000).toLocaleString() : '?'}, {p.price >= 0n ? eth(p.price) : '?'} per copy
              {p.price >= 0n && referralBps >= 0 && (
                <>
                  {' '}
                  · you net {eth(netPerCopy(p.price, referralBps).withoutReferral)} per copy,{' '}
                  {eth(netPerCopy(p.price, referralBps).withReferral)} when referred
                </>
              )}
            </li>
          ))}
        </ol>
        {tree && (
          <p className="muted">
            Allowlist merkle root <code data-testid="allowlist-root">{tree.root}</code> ({tree.size} entries), pinned to
            IPFS when you create.
          </p>
        )}
        {issues.length > 0 ? (
          <ul role="alert" data-testid="edition-issues">
            {issues.map((issue, i) => (
              <li key={i}>{issue.phase === null ? issue.message : `Phase ${issue.phase + 1}: ${issue.message}`}</li>
            ))}
          </ul>
        ) : (
          <p role="status">
            Ready: {terms.maxSupply > 0 ? `${terms.maxSupply} copies` : 'an open edition'}, from {eth(firstPrice)}.
          </p>
        )}
      </section>

      {!viewer ? (
        <p>Connect the creator’s wallet (top right) to create the edition.</p>
      ) : !isCreator ? (
        <p role="alert">Only the track’s creator ({track.creator}) can create its edition.</p>
      ) : null}
      <button type="submit" disabled={!isCreator || tx.busy || issues.length > 0 || created}>
        Create edition
      </button>
      {problem && <p role="alert">{problem}</p>}
      <TxStatus state={tx.state} />
      {created && (
        <p>
          Created. <Link href={`/tracks/${track.tokenId}`}>Open the track page</Link> (the edition shows once indexed).
        </p>
      )}
    </form>
  );
}
