/**
 * The audio watermark on real renders: the shipped melody model composes, the studio's JS renderer renders, the
 * studio's hook marks and the WAV writer encodes; the detector reads the 16-bit WAV back, after resampling to
 * 48 kHz, from a 10-second excerpt, and finds nothing in unmarked renders and noise; the verifier's check fails when
 * the audio is replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav16 } from '../../generation/export/wav';
import {
  linearResample,
  loadCorpusModel,
  renderCorpus,
  type RenderedTrack,
} from '../../../test/provenance/watermark-tracks';
import type { MusicRnnInstance } from '../../generation/models/node-loader';
import { watermarkCheck } from '../watermark-check';
import {
  detectWatermark,
  embedWatermark,
  payloadHex,
  payloadOfNotesDigest,
  readWavPcm,
  watermarkRender,
  WATERMARK_SCHEME,
  type Pcm,
} from './index';

let model: MusicRnnInstance | undefined;
let marked: RenderedTrack;
let unmarked: RenderedTrack;
let markedWav: Uint8Array;
let snrDb = 0;

const copy = (t: RenderedTrack): Pcm => ({ sampleRate: t.sampleRate, channels: t.channels.map((c) => c.slice()) });
const wavOf = (pcm: Pcm): Uint8Array => encodeWav16({ sampleRate: pcm.sampleRate, channels: pcm.channels });
const expectedPayload = (t: RenderedTrack): string => payloadHex(payloadOfNotesDigest(t.finalDigest));

beforeAll(async () => {
  const loaded = await loadCorpusModel();
  model = loaded.model;
  [marked, unmarked] = (await renderCorpus(loaded, 2, 0, 7_000_000)) as [RenderedTrack, RenderedTrack];
  const pcm = copy(marked);
  const { report, record } = watermarkRender(pcm, marked.finalDigest);
  expect(record).toEqual({ scheme: WATERMARK_SCHEME, payloadBits: 64 });
  snrDb = report.snrDb;
  markedWav = wavOf(pcm);
});
afterAll(() => model?.dispose());

describe('motif-ss-wm/1 on rendered tracks', () => {
  it('round trip: the 16-bit WAV of a marked render gives back the final digest first 64 bits, at >= 35 dB SNR', () => {
    expect(snrDb).toBeGreaterThanOrEqual(35);
    const d = detectWatermark(readWavPcm(markedWav));
    expect(d).toMatchObject({ found: true, crcOk: true, payload: expectedPayload(marked), periodStart: 0 });
    expect(d.pilot).toBeGreaterThan(d.threshold);
  });

  it('survives resampling to 48 kHz', () => {
    const pcm = readWavPcm(markedWav);
    const at48 = { sampleRate: 48_000, channels: pcm.channels.map((c) => linearResample(c, 44_100, 48_000)) };
    expect(detectWatermark(at48)).toMatchObject({ found: true, payload: expectedPayload(marked) });
  });

  it('is read from a 10-second excerpt at an arbitrary offset', () => {
    const pcm = readWavPcm(markedWav);
    const from = 77_777;
    const excerpt = { sampleRate: pcm.sampleRate, channels: pcm.channels.map((c) => c.slice(from, from + 441_000)) };
    expect(excerpt.channels[0]?.length).toBe(441_000);
    expect(detectWatermark(excerpt)).toMatchObject({ found: true, payload: expectedPayload(marked) });
  });

  it('is not found with another key', () => {
    expect(detectWatermark(readWavPcm(markedWav), { keyId: 'someone-else-v1' }).found).toBe(false);
  });

  it('finds nothing in unmarked renders and noise-like signals over many seeds', () => {
    let seed = 0x9e3779b9;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32 - 0.5;
    };
    const signals: Pcm[] = [copy(unmarked), copy(marked)]; // the marked track before marking
    for (let offset = 0; offset < 4; offset++)
      signals.push({
        sampleRate: 44_100,
        channels: unmarked.channels.map((c) => c.slice(offset * 33_333, offset * 33_333 + 441_000)),
      });
    for (let i = 0; i < 12; i++) {
      const n = 220_500;
      const x = new Float32Array(n);
      let pink = 0;
      for (let j = 0; j < n; j++) {
        pink = 0.97 * pink + 0.03 * next();
        const tone = Math.sin((2 * Math.PI * (220 * (1 + i / 4)) * j) / 44_100) * 0.3;
        x[j] = i % 3 === 0 ? next() * 0.5 : i % 3 === 1 ? pink * 4 : tone + next() * 0.01;
      }
      signals.push({ sampleRate: i % 6 === 5 ? 48_000 : 44_100, channels: [x] });
    }
    const found = signals.map((s) => detectWatermark(s)).filter((d) => d.found);
    expect(found).toEqual([]);
  });

  it('a marked render of another piece carries another payload', () => {
    const other = copy(unmarked);
    embedWatermark(other, payloadOfNotesDigest(unmarked.finalDigest));
    const d = detectWatermark(other);
    expect(d.found).toBe(true);
    expect(d.payload).toBe(expectedPayload(unmarked));
    expect(d.payload).not.toBe(expectedPayload(marked));
  });
});

describe('the verifier check', () => {
  const manifest = () => ({
    render: { watermark: { scheme: WATERMARK_SCHEME, payloadBits: 64 } },
    notes: { finalDigest: marked.finalDigest },
  });
  it('passes on the marked audio', () => {
    expect(watermarkCheck(manifest(), markedWav)).toMatchObject({ name: 'watermark', pass: true });
  });
  it('fails when the audio is replaced with an unmarked render', () => {
    const check = watermarkCheck(manifest(), wavOf(copy(unmarked)));
    expect(check.pass).toBe(false);
    expect(check.reason).toMatch(/no motif-ss-wm\/1 watermark found/);
  });
  it('fails when the audio carries another track payload', () => {
    const other = copy(unmarked);
    embedWatermark(other, payloadOfNotesDigest(unmarked.finalDigest));
    const check = watermarkCheck(manifest(), wavOf(other));
    expect(check.pass).toBe(false);
    expect(check.reason).toMatch(/carries watermark payload/);
  });
  it('is skipped (and passes) for a manifest that records no watermark', () => {
    expect(
      watermarkCheck({ render: {}, notes: { finalDigest: marked.finalDigest } }, wavOf(copy(unmarked))),
    ).toMatchObject({ pass: true, skipped: true });
  });
});
