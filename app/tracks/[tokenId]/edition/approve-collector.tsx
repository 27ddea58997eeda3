'use client';

import { useId, useState } from 'react';
import { getAddress, isAddress, type Address } from 'viem';
import { useChainId, useConfig } from 'wagmi';
import { signTypedData } from 'wagmi/actions';
import { apiErrorOf } from '../../../../lib/editions/api-answers';
import type { EditionView } from '../../../../lib/editions/edition-view';
import { editionsDomain, mintApprovalTypes } from '../../../../lib/editions/mint-approval';
import { describeWalletError } from '../../../../lib/errors/wallet';
import { useNativeCurrency } from '../../../_hooks/use-chain-info';

/** A random 64-bit approval nonce (used once per edition; a collision only makes the later approval unusable). */
function randomNonce(): bigint {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return (BigInt(words[0]!) << 32n) | BigInt(words[1]!);
}

/**
 * For the creator or their mint signer: approve a collector for a number of copies in a signature-gated phase. The
 * wallet signs an EIP-712 MintApproval and the server keeps it (after checking it) for the collector to mint with.
 */
export function ApproveCollector({
  edition,
  phases,
  editions,
  now,
}: {
  edition: EditionView;
  phases: EditionView['phases'];
  editions: Address;
  now: number;
}) {
  const ids = useId();
  const config = useConfig();
  const chainId = useChainId();
  const currency = useNativeCurrency();
  const [phase, setPhase] = useState(phases[0]!.phase);
  const [minterText, setMinterText] = useState('');
  const [quantityText, setQuantityText] = useState('1');
  const [hoursText, setHoursText] = useState('72');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const approve = async () => {
    setMessage(null);
    if (!isAddress(minterText.trim(), { strict: false }))
      return setMessage({ ok: false, text: 'Enter the collector’s 0x address.' });
    const quantity = /^\d{1,6}$/.test(quantityText.trim()) ? Number(quantityText.trim()) : 0;
    const hours = /^\d{1,5}$/.test(hoursText.trim()) ? Number(hoursText.trim()) : 0;
    if (quantity < 1 || hours < 1)
      return setMessage({ ok: false, text: 'Copies and hours must be whole numbers, 1 or more.' });
    const approval = {
      editionId: BigInt(edition.editionId),
      phase: BigInt(phase),
      minter: getAddress(minterText.trim()),
      quantity: BigInt(quantity),
      nonce: randomNonce(),
      deadline: BigInt(now + hours * 3600),
    };
    setBusy(true);
    try {
      const signature = await signTypedData(config, {
        domain: editionsDomain(chainId, editions),
        types: mintApprovalTypes,
        primaryType: 'MintApproval',
        message: approval,
      });
      const answer = await fetch(`/api/editions/${edition.editionId}/approvals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          chainId,
          editions,
          approval: {
            ...Object.fromEntries(Object.entries(approval).map(([k, v]) => [k, v.toString()])),
            phase,
            quantity,
          },
          signature,
        }),
      });
      const body: unknown = await answer.json().catch(() => null);
      setMessage(
        answer.ok
          ? {
              ok: true,
              text: `Approved ${approval.minter} for ${quantity} ${quantity === 1 ? 'copy' : 'copies'} in phase ${phase + 1}.`,
            }
          : { ok: false, text: `The approval was not kept: ${apiErrorOf(body, `status ${answer.status}`).message}.` },
      );
    } catch (error) {
      setMessage({ ok: false, text: `Signing failed: ${describeWalletError(error, currency)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label="Approve a collector"
      onSubmit={(event) => {
        event.preventDefault();
        void approve();
      }}
    >
      <h3>Approve a collector</h3>
      <label htmlFor={`${ids}-phase`}>Phase</label>
      <select id={`${ids}-phase`} value={phase} onChange={(e) => setPhase(Number(e.target.value))}>
        {phases.map((p) => (
          <option key={p.phase} value={p.phase}>
            Phase {p.phase + 1}
          </option>
        ))}
      </select>
      <label htmlFor={`${ids}-minter`}>Collector address</label>
      <input id={`${ids}-minter`} name="minter" value={minterText} onChange={(e) => setMinterText(e.target.value)} />
      <label htmlFor={`${ids}-copies`}>Copies</label>
      <input
        id={`${ids}-copies`}
        inputMode="numeric"
        value={quantityText}
        onChange={(e) => setQuantityText(e.target.value)}
      />
      <label htmlFor={`${ids}-hours`}>Valid for (hours)</label>
      <input id={`${ids}-hours`} inputMode="numeric" value={hoursText} onChange={(e) => setHoursText(e.target.value)} />
      <button type="submit" disabled={busy}>
        Sign the approval
      </button>
      {message && <p role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </form>
  );
}
