'use client';

import { useEffect, useId, useState } from 'react';
import { checkCover, type DraftCover } from '../../lib/mint/cover';

export type CoverFieldProps = {
  cover: DraftCover | undefined;
  setCover(cover: DraftCover | undefined): void;
  disabled: boolean;
};

/** Cover art: the generated piano roll by default, or an uploaded PNG, JPEG or WebP (checked by its bytes, <= 2 MiB). */
export function CoverField({ cover, setCover, disabled }: CoverFieldProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);

  useEffect(() => {
    if (!cover) return setPreview(null);
    const url = URL.createObjectURL(new Blob([cover.bytes as Uint8Array<ArrayBuffer>], { type: cover.mediaType }));
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [cover]);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    try {
      setCover(checkCover(new Uint8Array(await file.arrayBuffer()), file.name));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <fieldset disabled={disabled}>
      <legend>Cover</legend>
      {cover && preview ? (
        <p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a blob: URL of the chosen file, nothing to optimise */}
          <img src={preview} alt={`Uploaded cover ${cover.name}`} width={160} height={160} className="cover-preview" />{' '}
          {cover.name}{' '}
          <button type="button" onClick={() => setCover(undefined)}>
            Use the generated cover
          </button>
        </p>
      ) : (
        <p className="muted">
          Generated from the track’s notes (cover.svg in the pinned folder) unless you upload one.
        </p>
      )}
      <label>
        Upload a cover (PNG, JPEG or WebP, at most 2 MB)
        <input
          type="file"
          name="cover"
          accept="image/png,image/jpeg,image/webp"
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </label>
      {error && (
        <p role="alert" id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
