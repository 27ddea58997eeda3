/**
 * Browser: encodes the streaming copy (MP3, lib/tracks/stream-mp3.ts) with progress, then POSTs a draft's files and
 * signed manifest to /api/tracks/pin with upload progress (XMLHttpRequest).
 */
import { creditFormFields } from './credits';
import type { DraftProgress, MintDraft } from './draft';
import type { PinProgress } from './run';
import { PinFailedError } from './steps';

export type PinResponse = { cid: string; tokenId: string; contentDigest: `0x${string}`; manifestDigest: `0x${string}` };

export function pinForm(d: MintDraft, signedManifestJson: string, stream?: Uint8Array): FormData {
  const form = new FormData();
  form.set('wav', new Blob([d.wav as Uint8Array<ArrayBuffer>], { type: 'audio/wav' }), 'audio.wav');
  form.set('midi', new Blob([d.midi as Uint8Array<ArrayBuffer>], { type: 'audio/midi' }), 'track.mid');
  if (stream) form.set('stream', new Blob([stream as Uint8Array<ArrayBuffer>], { type: 'audio/mpeg' }), 'stream.mp3');
  if (d.cover)
    form.set('cover', new Blob([d.cover.bytes as Uint8Array<ArrayBuffer>], { type: d.cover.mediaType }), d.cover.name);
  form.set('manifest', signedManifestJson);
  form.set('name', d.details.title.trim());
  form.set('genre', d.details.genre);
  form.set('description', d.details.description);
  for (const [name, value] of Object.entries(creditFormFields(d.details))) form.set(name, value);
  return form;
}

/** The pin step in the browser: the MP3 streaming copy encoded (progress phase 'encode'), then the upload. */
export async function encodeAndPin(
  url: string,
  d: MintDraft,
  onProgress: (p: PinProgress) => void,
): Promise<NonNullable<DraftProgress['pinned']>> {
  // the encoder (lamejs) loads only when a track is pinned, not with the mint page
  const { encodeStreamMp3 } = await import('../tracks/stream-mp3');
  const stream = await encodeStreamMp3(d.wav, {
    onProgress: (p) => onProgress({ loaded: p.done, total: p.total, phase: 'encode' }),
  });
  return uploadPin(url, pinForm(d, d.progress.signed?.manifestJson ?? '', stream), onProgress);
}

export function uploadPin(
  url: string,
  form: FormData,
  onProgress: (p: PinProgress) => void,
  signal?: AbortSignal,
): Promise<NonNullable<DraftProgress['pinned']>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : e.loaded });
    xhr.onerror = () => reject(new TypeError('Failed to fetch: the pin request did not reach the server'));
    xhr.onabort = () => reject(new Error('pin cancelled'));
    xhr.onload = () => {
      let body: { error?: string; issues?: string[] } & Partial<PinResponse> = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: reported with the status below
      }
      if (xhr.status !== 201 || !body.cid || !body.tokenId || !body.contentDigest || !body.manifestDigest) {
        reject(
          new PinFailedError(
            xhr.status,
            [body.error ?? xhr.statusText, ...(body.issues ?? [])].filter(Boolean).join('; ') || 'no answer',
          ),
        );
        return;
      }
      resolve({
        cid: body.cid,
        tokenId: body.tokenId,
        contentDigest: body.contentDigest,
        manifestDigest: body.manifestDigest,
      });
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
