import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerativeModel } from '../generation/models/adapter';
import { NODE_ADAPTERS } from '../generation/models/node-adapters';
import { getShippedModel } from '../generation/models/registry';
import { sniffMidi, sniffWav } from '../tracks/sniff';
import { sha256Hex } from '../provenance/digest';
import { manifestForDraft } from '../mint/manifest';
import { DEMO_TRACKS } from './catalogue';
import { composeDemoTrack } from './compose-demo-track';
import { DEMO_CREATED_AT, demoDevAccounts } from './seed-demo';

const spec = DEMO_TRACKS[0]!;
const entry = getShippedModel(spec.request.modelId);
const accounts = demoDevAccounts();
let model: GenerativeModel;

beforeAll(async () => {
  model = await NODE_ADAPTERS[entry.family].loadFolder(path.join(process.cwd(), 'public', entry.urlPath));
});
afterAll(() => model?.dispose());

describe('composeDemoTrack', () => {
  it('composes with the shipped model and its fixed seed: the same spec gives byte-identical audio and MIDI', async () => {
    const params = { spec, accounts, model, weightsCid: entry.weightsCid, now: DEMO_CREATED_AT };
    const a = await composeDemoTrack(params);
    const b = await composeDemoTrack(params);
    expect(sha256Hex(a.wav)).toBe(sha256Hex(b.wav));
    expect(sha256Hex(a.midi)).toBe(sha256Hex(b.midi));
    expect(a.session.digest).toBe(b.session.digest);
    expect(() => sniffWav(a.wav)).not.toThrow();
    expect(() => sniffMidi(a.midi)).not.toThrow();
    expect(a.session.request).toMatchObject({ modelId: entry.id, seed: spec.request.seed, bars: spec.request.bars });
    expect(a.session.weightsCid).toBe(entry.weightsCid);
    expect(a.session.backend).toBe('cpu-js');
    // 44.1 kHz stereo 16-bit, watermarked as the studio's render is.
    expect(a.session.render).toMatchObject({
      sampleRate: 44_100,
      channels: 2,
      bitDepth: 16,
      watermark: { scheme: 'motif-ss-wm/1', payloadBits: 64 },
    });
    expect(a.details).toMatchObject({ title: spec.title, genre: spec.genre, licence: spec.licence, mode: 'mint' });
  });

  it('builds the manifest the mint signs (the melody digest matches the composed arrangement)', async () => {
    const d = await composeDemoTrack({ spec, accounts, model, weightsCid: entry.weightsCid, now: DEMO_CREATED_AT });
    const manifest = await manifestForDraft(d, accounts[spec.creator].address, DEMO_CREATED_AT);
    expect(manifest.notes.generatedDigest).toBe(d.session.digest);
    expect(manifest.model).toMatchObject({ id: entry.id, weightsCid: entry.weightsCid });
    expect(manifest.files.audio.sha256).toBe(sha256Hex(d.wav));
  });
});
