/**
 * The SoundFont renderer behind a request, as the studio's worker runs it (app/studio/compose.worker.ts): fetches the
 * SoundFont from the platform (once per URL), checks its sha256 against the pinned one, parses it, renders and
 * digests. Uses only fetch and WebCrypto, so it runs in a worker, a page or Node.
 */
import type { BasicSoundBank } from 'spessasynth_core';
import type { Hex } from 'viem';
import { BaseError } from '../../../errors/base';
import type { Arrangement } from '../../arrangement/types';
import { pcmSha256Async } from './digest';
import type { SfMix } from './gm';
import type { MasterReport } from './loudness';
import { loadSoundBank, renderWithSoundFont } from './sf-renderer';
import { SOUNDFONT, soundFontShardPaths } from './soundfont';

export class SoundFontFetchError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'SoundFontFetchError';
  }
}

const banks = new Map<string, Promise<BasicSoundBank>>();

async function fetchBank(url: string, onBytes?: (got: number, total: number) => void): Promise<BasicSoundBank> {
  const bytes = new Uint8Array(SOUNDFONT.size);
  let got = 0;
  // The file is served as shards (./soundfont.ts); they are read in order into one buffer.
  for (const shard of soundFontShardPaths(url)) {
    const res = await fetch(shard);
    if (!res.ok || !res.body)
      throw new SoundFontFetchError(`The SoundFont shard ${shard} answered HTTP ${res.status}.`);
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (got + value.length > bytes.length) throw new SoundFontFetchError(`The SoundFont at ${url} is too long.`);
      bytes.set(value, got);
      got += value.length;
      onBytes?.(got, bytes.length);
    }
  }
  if (got !== bytes.length)
    throw new SoundFontFetchError(`The SoundFont at ${url} is ${got} bytes, not ${bytes.length}.`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hex = `0x${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  if (hex !== SOUNDFONT.sha256)
    throw new SoundFontFetchError(`The SoundFont at ${url} has sha256 ${hex}, not ${SOUNDFONT.sha256}.`);
  return loadSoundBank(bytes);
}

/** The pinned SoundFont from `url`, fetched and parsed once (a failed fetch is retried on the next call). */
export function soundBankFrom(url: string, onBytes?: (got: number, total: number) => void): Promise<BasicSoundBank> {
  let bank = banks.get(url);
  if (!bank) {
    bank = fetchBank(url, onBytes);
    banks.set(url, bank);
    bank.catch(() => banks.delete(url));
  }
  return bank;
}

export type SfRenderRequest = { arrangement: Arrangement; mix: SfMix; sampleRate: number; soundfontUrl: string };
export type SfRenderResult = {
  channels: [Float32Array, Float32Array];
  sampleRate: number;
  seconds: number;
  pcmSha256: Hex;
  master: MasterReport;
  /** SoundFont fetch and parse (0 when it was already loaded), and the render itself, in ms. */
  loadMs: number;
  renderMs: number;
};

export async function renderSfRequest(
  req: SfRenderRequest,
  onProgress?: (phase: 'load' | 'render', fraction: number) => void,
): Promise<SfRenderResult> {
  const t0 = performance.now();
  const bank = await soundBankFrom(req.soundfontUrl, (got, total) => onProgress?.('load', got / total));
  const t1 = performance.now();
  const r = await renderWithSoundFont(req.arrangement, req.mix, bank, {
    sampleRate: req.sampleRate,
    onProgress: (f) => onProgress?.('render', f),
  });
  const digest = await pcmSha256Async(r.channels);
  return {
    channels: r.channels,
    sampleRate: r.sampleRate,
    seconds: r.seconds,
    pcmSha256: digest,
    master: r.master,
    loadMs: t1 - t0,
    renderMs: performance.now() - t1,
  };
}
