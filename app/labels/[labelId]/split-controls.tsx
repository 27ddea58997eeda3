'use client';

import { useState } from 'react';
import type { SplitView } from '../../../lib/labels/queries';
import { sharesToPercent } from '../../../lib/splits';
import { PayeeEditor, type PayeeRow } from './payee-editor';
import type { useSplitActions } from './use-split-actions';

/** The controller's forms on a mutable split (recipients, hand-over, immutability) and the pending controller's accept. */
export function SplitControls({
  split,
  actions,
  busy,
  connected,
  isController,
  isPending,
  handOverPending,
}: {
  split: SplitView;
  actions: ReturnType<typeof useSplitActions>;
  busy: boolean;
  connected: boolean;
  isController: boolean;
  isPending: boolean;
  handOverPending: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [rows, setRows] = useState<PayeeRow[]>(() =>
    split.accounts.map((a, i) => ({ account: a, percent: sharesToPercent(split.shares[i] ?? 0) })),
  );
  const [newController, setNewController] = useState('');
  const { simple } = actions;

  return (
    <div>
      {isController ? (
        <>
          <button type="button" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            Change recipients
          </button>
          {editing ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void actions.update(rows).then((ok) => {
                  if (ok) setEditing(false);
                });
              }}
            >
              <PayeeEditor idPrefix={`edit-${split.split}`} rows={rows} onChange={setRows} />
              <button type="submit" disabled={busy}>
                Update split
              </button>
            </form>
          ) : null}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void actions.transfer(newController);
            }}
          >
            <label htmlFor={`controller-${split.split}`}>New controller</label>{' '}
            <input
              id={`controller-${split.split}`}
              value={newController}
              onChange={(e) => setNewController(e.target.value)}
              size={44}
              spellCheck={false}
            />{' '}
            <button type="submit" disabled={busy}>
              Hand control over
            </button>
          </form>
          {handOverPending ? (
            <button
              type="button"
              onClick={() =>
                void simple('Cancel the hand-over', 'cancelControlTransfer', 'split.cancelControlTransfer')()
              }
              disabled={busy}
            >
              Cancel hand-over
            </button>
          ) : null}{' '}
          <button
            type="button"
            onClick={() => void simple('Make split immutable', 'makeSplitImmutable', 'split.makeImmutable')()}
            disabled={busy}
          >
            Make immutable
          </button>
        </>
      ) : (
        <p>Only the controller can change this split{connected ? '' : ' (connect a wallet)'}.</p>
      )}
      {isPending ? (
        <button
          type="button"
          onClick={() => void simple('Accept control (step 2 of 2)', 'acceptControl', 'split.acceptControl')()}
          disabled={busy}
        >
          Accept control
        </button>
      ) : null}
    </div>
  );
}
