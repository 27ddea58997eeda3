'use client';

/**
 * The mint flow (client): loads the studio's draft from IndexedDB, collects details, licence, royalty and split,
 * shows the fee before any signature, then runs the resumable step machine (lib/mint/run.ts): sign the manifest ->
 * pin -> create the split (when new) -> mint -> confirmations, or sign a lazy-mint voucher. Every step's output and
 * any failure are saved in the draft, so "Retry" (or a reload) resumes at the failed step.
 */
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { keccak256, parseUnits, type Address, type Hex } from 'viem';
import { useChainId, useConfig, useConnection } from 'wagmi';
import { getBalance, getPublicClient, signTypedData, simulateContract, waitForTransactionReceipt, writeContract } from 'wagmi/actions';
import { MOTIF_ABIS } from '../../lib/chain/contracts';
import { predictSplitAddress, ZERO_ADDRESS } from '../../lib/contracts/splits';
import { LICENCES, voucherDomain, voucherTypes } from '../../lib/contracts/voucher';
import { GENRES, type MintDetails, type MintDraft } from '../../lib/mint/draft';
import { listDrafts, loadDraft, releaseConsumedDraft, saveDraft } from '../../lib/mint/draft-store';
import { canAfford, estimateFee, type FeeEstimate, type FeeLine } from '../../lib/mint/fee';
import { amountLabel, formatApproxAmount } from '../_components/format';
import { useNativeCurrency } from '../_hooks/use-chain-info';
import { manifestForDraft } from '../../lib/mint/manifest';
import { pinForm, uploadPin } from '../../lib/mint/pin-upload';
import { runMint, type MintEffects, type PinProgress } from '../../lib/mint/run';
import { needsSplitContract, validateSplit, type FieldError, type ValidSplit } from '../../lib/mint/split';
import { completedSteps, nextStep, STEP_LABELS, stepsFor, updateDetails, type MintStep } from '../../lib/mint/steps';
import { signManifest } from '../../lib/provenance/signed-manifest';
import { useMotifContract } from '../_hooks/use-motif-contract';
import { creditFieldErrors } from '../../lib/mint/credits';
import { editedMusic } from '../../lib/provenance/edited-music';
import { CreditFields } from './credit-fields';

type Contracts = { collection: Address; splitMain: Address };

class TransactionRevertedError extends Error {
  constructor(what: string, hash: Hex) {
    super(`${what} transaction ${hash} reverted`);
    this.name = 'ContractFunctionRevertedError';
  }
}

/** The track page with the signed voucher linked (`?voucher=<JSON>`, read by its redeem form). */
function voucherLink(tokenId: string, json: string): string {
  return `/tracks/${tokenId}?voucher=${encodeURIComponent(json)}`;
}

function detailErrors(d: MintDetails, decimals: number): FieldError[] {
  const errors: FieldError[] = [];
  if (!d.title.trim()) errors.push({ field: 'title', message: 'Give the track a title' });
  if (d.mode === 'voucher') {
    try {
      if (parseUnits(d.price.trim(), decimals) <= 0n) errors.push({ field: 'price', message: 'The voucher price must be more than 0' });
    } catch {
      errors.push({ field: 'price', message: 'Enter the voucher price as a number, e.g. 0.01' });
    }
  }
  const split = validateSplit(d.split);
  if (!split.ok) errors.push(...split.errors);
  errors.push(...creditFieldErrors(d));
  return errors;
}

export function MintFlow() {
  const config = useConfig();
  const connection = useConnection();
  const chainId = useChainId();
  const currency = useNativeCurrency();
  const router = useRouter();
  const collection = useMotifContract('TrackCollection');
  const splitMain = useMotifContract('SplitMain');
  const [draft, setDraft] = useState<MintDraft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [fee, setFee] = useState<FeeEstimate | null>(null);
  const [feeError, setFeeError] = useState<string | null>(null);
  const [balance, setBalance] = useState<bigint | null>(null);
  const [running, setRunning] = useState(false);
  const [active, setActive] = useState<MintStep | null>(null);
  const [pinProgress, setPinProgress] = useState<PinProgress | null>(null);
  const ids = useId();
  const estimateSeq = useRef(0);
  const creator = connection.address;
  const contracts: Contracts | null = collection && splitMain ? { collection: collection.address, splitMain: splitMain.address } : null;

  useEffect(() => {
    (async () => {
      const id = new URLSearchParams(window.location.search).get('draft');
      const d = id ? await loadDraft(id) : ((await listDrafts())[0] ?? null);
      if (!d) setLoadError(id ? `No mint draft ${id} in this browser.` : 'No mint draft in this browser yet.');
      setDraft(d);
    })()
      .catch((e: unknown) => setLoadError(`Could not open the mint draft: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => setLoaded(true));
  }, []);

  // the connected creator is the first payee of a new split
  useEffect(() => {
    if (!draft || !creator || draft.details.split.payees[0]?.address !== '') return;
    const payees = draft.details.split.payees.map((p, i) => (i === 0 ? { ...p, address: creator } : p));
    const next = updateDetails(draft, { ...draft.details, split: { ...draft.details.split, payees } }, new Date().toISOString());
    setDraft(next);
    void saveDraft(next);
  }, [draft, creator]);

  const errors = useMemo(() => (draft ? detailErrors(draft.details, currency.decimals) : []), [draft, currency.decimals]);
  const split: ValidSplit | null = useMemo(() => {
    if (!draft) return null;
    const r = validateSplit(draft.details.split);
    return r.ok ? r.value : null;
  }, [draft]);
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  const change = useCallback(
    (f: (d: MintDetails) => MintDetails) => {
      setDraft((d) => {
        if (!d) return d;
        const next = updateDetails(d, f(d.details), new Date().toISOString());
        void saveDraft(next).catch(() => undefined);
        return next;
      });
      setFee(null);
      setFeeError(null);
    },
    [],
  );

  const receiverOf = useCallback(
    (v: ValidSplit, c: Contracts): Address => (needsSplitContract(v) ? predictSplitAddress(c.splitMain, v.split, v.controller ?? ZERO_ADDRESS) : (v.split.accounts[0] as Address)),
    [],
  );

  const estimate = useCallback(async () => {
    if (!draft || !creator || !contracts || !split || errors.length > 0) return;
    const seq = ++estimateSeq.current;
    setFeeError(null);
    try {
      const client = getPublicClient(config);
      if (!client) throw new Error('no connection to the chain');
      const lines: FeeLine[] = [];
      const receiver = receiverOf(split, contracts);
      if (needsSplitContract(split) && !draft.progress.split) {
        const code = await client.getCode({ address: receiver });
        if (!code || code === '0x') {
          lines.push({
            label: 'Create the royalty split',
            gas: await client.estimateContractGas({ address: contracts.splitMain, abi: MOTIF_ABIS.SplitMain, functionName: 'createSplit', args: [split.split.accounts, split.split.shares, split.controller ?? ZERO_ADDRESS], account: creator }),
          });
        }
      }
      if (draft.details.mode === 'mint') {
        const content = draft.progress.pinned?.contentDigest ?? keccak256(draft.wav);
        lines.push({
          label: 'Mint',
          gas: await client.estimateContractGas({ address: contracts.collection, abi: MOTIF_ABIS.TrackCollection, functionName: 'mint', args: [creator, content, keccak256(draft.midi), receiver, split.royaltyBps, LICENCES.indexOf(draft.details.licence)], account: creator }),
        });
      }
      const fees = await client.estimateFeesPerGas().catch(async () => ({ maxFeePerGas: await client.getGasPrice() }));
      const feePerGas = fees.maxFeePerGas ?? (await client.getGasPrice());
      const value = (await getBalance(config, { address: creator })).value;
      if (seq !== estimateSeq.current) return; // details changed meanwhile: a newer estimate is coming
      setFee(estimateFee(lines, feePerGas));
      setBalance(value);
    } catch (e) {
      if (seq !== estimateSeq.current) return;
      setFee(null);
      setFeeError(`Could not estimate the fee: ${e instanceof Error ? (e as { shortMessage?: string }).shortMessage ?? e.message : String(e)}`);
    }
  }, [draft, creator, contracts, split, errors.length, config, receiverOf]);

  useEffect(() => {
    if (!running && !fee && !feeError) void estimate();
  }, [estimate, running, fee, feeError]);

  const effects = (c: Contracts, account: Address): MintEffects => ({
    async sign(d) {
      const manifest = await manifestForDraft(d, account, new Date().toISOString());
      const signed = await signManifest({ manifest, chainId, verifyingContract: c.collection, sign: (td) => signTypedData(config, { ...td, account }) });
      return { manifestJson: JSON.stringify(signed), manifestDigest: signed.manifestDigest, creator: account };
    },
    pin: (d, onProgress) => uploadPin('/api/tracks/pin', pinForm(d, d.progress.signed?.manifestJson ?? ''), onProgress),
    async split(d) {
      const v = validateSplit(d.details.split);
      if (!v.ok) throw new Error(v.errors[0]?.message ?? 'invalid split');
      const address = receiverOf(v.value, c);
      if (!needsSplitContract(v.value)) return { address };
      const client = getPublicClient(config);
      const code = await client?.getCode({ address });
      if (code && code !== '0x') return { address };
      const hash = await writeContract(config, { address: c.splitMain, abi: MOTIF_ABIS.SplitMain, functionName: 'createSplit', args: [v.value.split.accounts, v.value.split.shares, v.value.controller ?? ZERO_ADDRESS], account });
      const receipt = await waitForTransactionReceipt(config, { hash });
      if (receipt.status !== 'success') throw new TransactionRevertedError('The split creation', hash);
      return { address, txHash: hash };
    },
    async sendMint(d) {
      const v = validateSplit(d.details.split);
      const pinned = d.progress.pinned;
      const receiver = d.progress.split?.address;
      if (!v.ok || !pinned || !receiver) throw new Error('the draft is missing an earlier step');
      const { request } = await simulateContract(config, {
        address: c.collection,
        abi: MOTIF_ABIS.TrackCollection,
        functionName: 'mint',
        args: [account, pinned.contentDigest, pinned.manifestDigest, receiver, v.value.royaltyBps, LICENCES.indexOf(d.details.licence)],
        account,
      });
      return writeContract(config, request);
    },
    async confirm(d) {
      const hash = d.progress.mintTx;
      const pinned = d.progress.pinned;
      if (!hash || !pinned) throw new Error('no mint transaction to confirm');
      const receipt = await waitForTransactionReceipt(config, { hash, confirmations: chainId === 31337 ? 1 : 2 });
      if (receipt.status !== 'success') throw new TransactionRevertedError('The mint', hash);
      return { tokenId: pinned.tokenId, txHash: hash, blockNumber: receipt.blockNumber.toString() };
    },
    async voucher(d) {
      const v = validateSplit(d.details.split);
      const pinned = d.progress.pinned;
      const receiver = d.progress.split?.address;
      if (!v.ok || !pinned || !receiver) throw new Error('the draft is missing an earlier step');
      const message = {
        creator: account,
        content: pinned.contentDigest,
        manifest: pinned.manifestDigest,
        price: parseUnits(d.details.price.trim(), currency.decimals),
        // Bound in the signature: the sale's proceeds can only ever be credited to the creator.
        payout: account,
        royaltyReceiver: receiver,
        royaltyBps: v.value.royaltyBps,
        licence: LICENCES.indexOf(d.details.licence),
        nonce: BigInt(keccak256(new TextEncoder().encode(`${d.id}:${pinned.cid}`))) >> 64n,
        deadline: BigInt(Math.floor(Date.now() / 1000) + 30 * 24 * 3600),
      };
      const signature = await signTypedData(config, { domain: voucherDomain(chainId, c.collection), types: voucherTypes, primaryType: 'Voucher', message, account });
      return { json: JSON.stringify({ voucher: message, signature }, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) };
    },
    save: saveDraft,
    now: () => new Date().toISOString(),
  });

  const start = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!draft || !creator || !contracts || errors.length > 0 || !fee) return;
    setRunning(true);
    setPinProgress(null);
    try {
      const d = await runMint(draft, effects(contracts, creator), {
        onStep: (step, current) => {
          setActive(step);
          setDraft(current);
        },
        onPinProgress: setPinProgress,
      });
      setDraft(d);
      // the WAV now lives on IPFS: the draft's IndexedDB record (WAV-sized) goes; the studio session stays
      void releaseConsumedDraft(d).catch(() => undefined);
      if (d.progress.minted) router.push(`/tracks/${d.progress.minted.tokenId}`);
      else if (d.progress.voucher && d.progress.pinned) router.push(voucherLink(d.progress.pinned.tokenId, d.progress.voucher.json));
    } finally {
      setActive(null);
      setRunning(false);
    }
  };

  if (!loaded) return <p>Loading the draft…</p>;
  if (!draft) {
    return (
      <div>
        <p role="alert">{loadError}</p>
        <p>Compose and render a track in the <a href="/studio">studio</a>, then press Publish.</p>
      </div>
    );
  }

  const d = draft.details;
  const started = completedSteps(draft).length > 0 || draft.failure !== undefined;
  const next = nextStep(draft);
  const locked = running || next === 'done';
  const describedBy = (field: string) => (errorFor(field) ? `${ids}-${field.replace(/\./g, '-')}` : undefined);
  const fieldError = (field: string) => {
    const m = errorFor(field);
    return m ? <p className="field-error" id={`${ids}-${field.replace(/\./g, '-')}`}>{m}</p> : null;
  };
  const session = draft.session;

  return (
    <form onSubmit={start} aria-describedby={`${ids}-summary`} noValidate>
      <p id={`${ids}-summary`}>
        From the studio: {session.request.bars} bars in {editedMusic(session.request, session.ops).keyLabel} at {editedMusic(session.request, session.ops).bpm} BPM (after the edits), model {session.request.modelId}, seed {session.request.seed},
        {' '}{session.ops.length} edit{session.ops.length === 1 ? '' : 's'}; {(draft.wav.byteLength / 1048576).toFixed(2)} MB WAV.
      </p>

      <fieldset disabled={locked}>
        <legend>Details</legend>
        <label>
          Title
          <input name="title" value={d.title} required maxLength={200} aria-invalid={!!errorFor('title')} aria-describedby={describedBy('title')} onChange={(e) => change((x) => ({ ...x, title: e.target.value }))} />
        </label>
        {fieldError('title')}
        <label>
          Description
          <textarea name="description" value={d.description} maxLength={5000} rows={3} onChange={(e) => change((x) => ({ ...x, description: e.target.value }))} />
        </label>
        <label>
          Genre
          <select name="genre" value={d.genre} onChange={(e) => change((x) => ({ ...x, genre: e.target.value as MintDetails['genre'] }))}>
            {GENRES.map((g) => <option key={g} value={g}>{g}</option>)}
          </select>
        </label>
        <CreditFields details={d} change={change} errorFor={errorFor} creator={creator} />
        <p className="muted">Cover: generated from the track’s content (cover.svg in the pinned folder).</p>
      </fieldset>

      <fieldset disabled={locked}>
        <legend>Licence</legend>
        <label>
          Licence
          <select name="licence" value={d.licence} onChange={(e) => change((x) => ({ ...x, licence: e.target.value as MintDetails['licence'] }))}>
            {LICENCES.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
        </label>
      </fieldset>

      <fieldset disabled={locked}>
        <legend>Royalty and split</legend>
        <label>
          Royalty on sales (%)
          <input name="royalty" inputMode="decimal" value={d.split.royaltyPercent} aria-invalid={!!errorFor('royaltyPercent')} aria-describedby={describedBy('royaltyPercent')} onChange={(e) => change((x) => ({ ...x, split: { ...x.split, royaltyPercent: e.target.value } }))} />
        </label>
        {fieldError('royaltyPercent')}
        {d.split.payees.map((p, i) => (
          <div className="payee" key={i} role="group" aria-label={`Payee ${i + 1}`}>
            <label>
              Payee {i + 1} address
              <input value={p.address} spellCheck={false} aria-invalid={!!errorFor(`payees.${i}.address`)} aria-describedby={describedBy(`payees.${i}.address`)} onChange={(e) => change((x) => ({ ...x, split: { ...x.split, payees: x.split.payees.map((q, j) => (j === i ? { ...q, address: e.target.value } : q)) } }))} />
            </label>
            <label>
              Payee {i + 1} share (%)
              <input inputMode="decimal" value={p.percent} aria-invalid={!!errorFor(`payees.${i}.percent`)} aria-describedby={describedBy(`payees.${i}.percent`)} onChange={(e) => change((x) => ({ ...x, split: { ...x.split, payees: x.split.payees.map((q, j) => (j === i ? { ...q, percent: e.target.value } : q)) } }))} />
            </label>
            <button type="button" className="secondary" disabled={d.split.payees.length <= 1} onClick={() => change((x) => ({ ...x, split: { ...x.split, payees: x.split.payees.filter((_, j) => j !== i) } }))}>
              Remove payee {i + 1}
            </button>
            {fieldError(`payees.${i}.address`)}
            {fieldError(`payees.${i}.percent`)}
          </div>
        ))}
        {fieldError('payees')}
        <button type="button" className="secondary" onClick={() => change((x) => ({ ...x, split: { ...x.split, payees: [...x.split.payees, { address: '', percent: '' }] } }))}>
          Add payee
        </button>
        <label>
          Label address (controller, optional: may change the split later)
          <input name="controller" value={d.split.controller} spellCheck={false} aria-invalid={!!errorFor('controller')} aria-describedby={describedBy('controller')} onChange={(e) => change((x) => ({ ...x, split: { ...x.split, controller: e.target.value } }))} />
        </label>
        {fieldError('controller')}
      </fieldset>

      <fieldset disabled={locked}>
        <legend>Publish as</legend>
        <label>
          <span><input type="radio" name="mode" value="mint" checked={d.mode === 'mint'} onChange={() => change((x) => ({ ...x, mode: 'mint' }))} /> Mint now (you pay the gas)</span>
        </label>
        <label>
          <span><input type="radio" name="mode" value="voucher" checked={d.mode === 'voucher'} onChange={() => change((x) => ({ ...x, mode: 'voucher' }))} /> Lazy-mint voucher (the buyer mints and pays)</span>
        </label>
        {d.mode === 'voucher' && (
          <label>
            {amountLabel('Voucher price', currency)}
            <input name="price" inputMode="decimal" value={d.price} aria-invalid={!!errorFor('price')} aria-describedby={describedBy('price')} onChange={(e) => change((x) => ({ ...x, price: e.target.value }))} />
          </label>
        )}
        {fieldError('price')}
      </fieldset>

      <section aria-labelledby={`${ids}-fee`}>
        <h2 id={`${ids}-fee`}>Fee</h2>
        {!creator && <p role="status">Connect a wallet (menu at the top) to see the fee and mint.</p>}
        {creator && !contracts && <p role="alert">The Motif contracts are not deployed on this chain.</p>}
        {errors.length > 0 && <p role="status">Fix the fields above to see the fee.</p>}
        {feeError && <p role="alert">{feeError} <button type="button" onClick={() => { setFeeError(null); void estimate(); }}>Estimate again</button></p>}
        {fee && (
          <div data-testid="fee">
            <p>
              Estimated network fee: <strong>{formatApproxAmount(fee.totalWei, currency)}</strong>
              {' '}({fee.lines.map((l) => `${l.label}: ${l.gas} gas`).join(', ') || 'no transaction'} at {formatApproxAmount(fee.feePerGas, currency)} per gas).
            </p>
            {balance !== null && !canAfford(balance, fee) && <p role="alert">Your balance ({formatApproxAmount(balance, currency)}) does not cover this fee.</p>}
          </div>
        )}
      </section>

      <section aria-labelledby={`${ids}-steps`}>
        <h2 id={`${ids}-steps`}>Steps</h2>
        <ol className="steps">
          {stepsFor(d.mode).map((s) => {
            const done = completedSteps(draft).includes(s);
            const state = done ? 'done' : draft.failure?.step === s ? 'failed' : active === s ? 'active' : 'todo';
            return (
              <li key={s} data-state={state} data-step={s}>
                {STEP_LABELS[s]} <span className="muted">({state === 'todo' ? 'to do' : state})</span>
                {s === 'pin' && active === 'pin' && pinProgress && (
                  <label>
                    {' '}Upload progress <progress max={pinProgress.total || 1} value={pinProgress.loaded} aria-valuetext={`${Math.round((pinProgress.loaded / (pinProgress.total || 1)) * 100)}%`} />
                  </label>
                )}
              </li>
            );
          })}
        </ol>
        {draft.failure && !running && <p role="alert" data-testid="mint-error">{draft.failure.message}</p>}
        {draft.progress.pinned && <p>Pinned folder: <code>{draft.progress.pinned.cid}</code></p>}
        {draft.progress.minted && (
          <p role="status">
            Minted token <a href={`/tracks/${draft.progress.minted.tokenId}`}>{draft.progress.minted.tokenId}</a> in block {draft.progress.minted.blockNumber}.
          </p>
        )}
        {draft.progress.voucher && (
          <p role="status">
            Voucher signed. {draft.progress.pinned && <a href={voucherLink(draft.progress.pinned.tokenId, draft.progress.voucher.json)}>Track page with the voucher to redeem</a>}{' '}
            <a download="motif-voucher.json" href={`data:application/json,${encodeURIComponent(draft.progress.voucher.json)}`}>Download the voucher</a>
          </p>
        )}
      </section>

      {next !== 'done' && (
        <button type="submit" disabled={running || !creator || !contracts || errors.length > 0 || !fee}>
          {running ? 'Working…' : draft.failure ? `Retry from “${STEP_LABELS[next]}”` : started ? `Resume from “${STEP_LABELS[next]}”` : d.mode === 'voucher' ? 'Sign and publish the voucher' : 'Sign, pin and mint'}
        </button>
      )}
    </form>
  );
}
