'use client';

import { useCallback, useEffect, useState } from 'react';
import type { MintDetails, MintDraft } from '../../lib/mint/draft';
import { listDrafts, loadDraft, saveDraft } from '../../lib/mint/draft-store';
import { updateDetails } from '../../lib/mint/steps';
import { withCover, type DraftCover } from '../../lib/mint/cover';

export type MintDraftState = {
  draft: MintDraft | null;
  setDraft(d: MintDraft): void;
  loaded: boolean;
  loadError: string | null;
  /** Applies a change to the details, drops the step outputs it invalidates, and saves the draft. */
  change(f: (d: MintDetails) => MintDetails): void;
  /** Sets the uploaded cover (undefined: the generated one), drops a pin made with the old one, and saves. */
  setCover(cover: DraftCover | undefined): void;
};

/**
 * The mint draft of this browser (IndexedDB): the one named by `?draft=`, else the newest. The connected creator
 * becomes the first payee of a new split.
 */
export function useMintDraft(creator: string | undefined): MintDraftState {
  const [draft, setDraft] = useState<MintDraft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    (async () => {
      const id = new URLSearchParams(window.location.search).get('draft');
      const d = id ? await loadDraft(id) : ((await listDrafts())[0] ?? null);
      if (!d) setLoadError(id ? `No mint draft ${id} in this browser.` : 'No mint draft in this browser yet.');
      setDraft(d);
    })()
      .catch((e: unknown) =>
        setLoadError(`Could not open the mint draft: ${e instanceof Error ? e.message : String(e)}`),
      )
      .finally(() => setLoaded(true));
  }, []);

  const change = useCallback((f: (d: MintDetails) => MintDetails) => {
    setDraft((d) => {
      if (!d) return d;
      const next = updateDetails(d, f(d.details), new Date().toISOString());
      void saveDraft(next).catch(() => undefined);
      return next;
    });
  }, []);

  const setCover = useCallback((cover: DraftCover | undefined) => {
    setDraft((d) => {
      if (!d) return d;
      const next = withCover(d, cover, new Date().toISOString());
      void saveDraft(next).catch(() => undefined);
      return next;
    });
  }, []);

  useEffect(() => {
    if (!creator || !draft || draft.details.split.payees[0]?.address !== '') return;
    change((x) => ({
      ...x,
      split: { ...x.split, payees: x.split.payees.map((p, i) => (i === 0 ? { ...p, address: creator } : p)) },
    }));
  }, [draft, creator, change]);

  return { draft, setDraft, loaded, loadError, change, setCover };
}
