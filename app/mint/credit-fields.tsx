'use client';

/**
 * The mint form's artist name, credits and ISRC (lib/mint/credits.ts checks them). An empty artist name means the
 * creator's profile name, shown as the placeholder; the AI model is credited by Motif itself, as a tool.
 */
import { useEffect, useState } from 'react';
import { MAX_CREDITS, type CreditRow } from '../../lib/mint/credits';
import type { MintDetails } from '../../lib/mint/draft';
import { useFocusAfterRemove } from '../_hooks/use-focus-after-remove';

export type CreditFieldsProps = {
  details: MintDetails;
  change: (f: (d: MintDetails) => MintDetails) => void;
  errorFor: (field: string) => string | undefined;
  /** The connected creator, whose profile name is the default artist name. */
  creator?: string;
};

export function CreditFields({ details, change, errorFor, creator }: CreditFieldsProps) {
  const [profileName, setProfileName] = useState<string | null>(null);
  const removal = useFocusAfterRemove<HTMLFieldSetElement>();
  useEffect(() => {
    if (!creator) return;
    const controller = new AbortController();
    fetch(`/api/profiles/${creator}`, { signal: controller.signal })
      .then(async (res) => (res.ok ? ((await res.json()) as { displayName?: string | null }) : null))
      .then((p) => setProfileName(p?.displayName ?? null))
      .catch(() => undefined);
    return () => controller.abort();
  }, [creator]);

  const rows = details.credits ?? [];
  const setRow = (i: number, row: CreditRow) =>
    change((d) => ({ ...d, credits: (d.credits ?? []).map((r, j) => (j === i ? row : r)) }));
  const error = (field: string) => {
    const m = errorFor(field);
    return m ? (
      <p className="field-error" role="alert">
        {m}
      </p>
    ) : null;
  };

  return (
    <>
      <label>
        Artist name
        <input
          name="artist"
          value={details.artist ?? ''}
          maxLength={200}
          placeholder={profileName ?? (creator ? `your address, ${creator}` : 'your profile name')}
          onChange={(e) => change((d) => ({ ...d, artist: e.target.value }))}
        />
      </label>
      <p className="muted">
        Empty: your profile name{profileName ? ` (${profileName})` : ''}. The AI model is credited as a tool, never as
        an author.
      </p>
      {error('artist')}
      <fieldset ref={removal.ref}>
        <legend>Credits (optional)</legend>
        {rows.map((row, i) => (
          <div key={i} className="credit-row">
            <label>
              {`Credit ${i + 1} name`}
              <input
                name={`credit-name-${i}`}
                value={row.name}
                maxLength={200}
                onChange={(e) => setRow(i, { ...row, name: e.target.value })}
              />
            </label>
            <label>
              {`Credit ${i + 1} role`}
              <input
                name={`credit-role-${i}`}
                value={row.role}
                maxLength={100}
                placeholder="e.g. Producer"
                onChange={(e) => setRow(i, { ...row, role: e.target.value })}
              />
            </label>
            <button
              type="button"
              data-remove
              onClick={() => {
                removal.removing(i);
                change((d) => ({ ...d, credits: (d.credits ?? []).filter((_, j) => j !== i) }));
              }}
            >
              Remove credit {i + 1}
            </button>
            {error(`credits.${i}`)}
          </div>
        ))}
        {rows.length < MAX_CREDITS && (
          <button
            type="button"
            data-after-remove
            onClick={() => change((d) => ({ ...d, credits: [...(d.credits ?? []), { name: '', role: '' }] }))}
          >
            Add a credit
          </button>
        )}
      </fieldset>
      <label>
        ISRC (optional)
        <input
          name="isrc"
          value={details.isrc ?? ''}
          maxLength={20}
          placeholder="CC-XXX-YY-NNNNN"
          onChange={(e) => change((d) => ({ ...d, isrc: e.target.value }))}
        />
      </label>
      {error('isrc')}
      <p className="muted">
        Key, tempo and length are not typed: they are read from the track itself when it is pinned.
      </p>
    </>
  );
}
