/**
 * C2PA in published WAVs (docs/provenance/c2pa.md), against a real Helia node and the real c2pa-rs (WebAssembly):
 * a track pinned through the pin route carries a signed C2PA manifest that verifies and agrees with the Motif
 * manifest; one byte changed in the audio, in the C2PA chunk or in manifest.json each fails for its own reason.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CID } from 'multiformats/cid';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPinTrackHandler, type PinTrackResponse } from '../../app/api/tracks/pin/handler';
import { cidOfBytes, cidOfFolder } from '../../lib/ipfs/cid-of-files';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { generateLocalCredentials, parseCredentials } from '../../lib/provenance/c2pa/credentials';
import { motifAssertionSchema } from '../../lib/provenance/c2pa/definition';
import { splitC2paChunk } from '../../lib/provenance/c2pa/essence';
import { readC2pa } from '../../lib/provenance/c2pa/read';
import { IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA } from '../../lib/provenance/disclosure';
import {
  readTrackFiles,
  verifyTrackFiles,
  type TrackFiles,
  type VerifyTrackResult,
} from '../../lib/provenance/verify-track';
import { testC2pa } from './c2pa-fixtures';
import { CHAIN_ID, COLLECTION, fakeReplay, makeTrack, type TrackFixture } from './fixtures';

const creator = privateKeyToAccount('0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6');
let dir: string;
let storage: HeliaStorage;
let track: TrackFixture;
let folderCid: string;
let published: Map<string, Uint8Array>;
let anchors: string;

function form(): FormData {
  const f = new FormData();
  f.set('wav', new Blob([new Uint8Array(track.wav)], { type: 'audio/wav' }), 'audio.wav');
  f.set('midi', new Blob([new Uint8Array(track.midi)], { type: 'audio/midi' }), 'track.mid');
  f.set('manifest', JSON.stringify(track.signed));
  f.set('name', track.metadata.name);
  f.set('genre', 'Ambient');
  return f;
}

const pin = (body: FormData) =>
  createPinTrackHandler({
    storage: async () => storage,
    signingDomain: async () => ({ chainId: CHAIN_ID, verifyingContract: COLLECTION }),
    c2pa: testC2pa,
    retry: { baseDelayMs: 1, randomize: false },
  })(new Request('http://localhost/api/tracks/pin', { method: 'POST', body }));

/** Verifies a folder made of `files` (CIDs derived from the bytes, so only the provenance checks can object). */
async function verifyFiles(files: Map<string, Uint8Array>, trustAnchorsPem = anchors): Promise<VerifyTrackResult> {
  const map: TrackFiles = new Map();
  const entries = [...files].sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [name, bytes] of entries) map.set(name, { cid: await cidOfBytes(bytes), bytes });
  const cid = await cidOfFolder(entries.map(([p, content]) => ({ path: p, content })));
  return verifyTrackFiles({ cid, files: map, replay: fakeReplay, c2pa: { trustAnchorsPem } });
}

const check = (r: VerifyTrackResult, name: string) => r.checks.find((c) => c.name === name);
const failed = (r: VerifyTrackResult) =>
  r.checks
    .filter((c) => !c.pass)
    .map((c) => c.name)
    .sort();
const flip = (bytes: Uint8Array, at: number) => {
  const copy = bytes.slice();
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
};
const audio = () => published.get('audio.wav') ?? new Uint8Array();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-c2pa-'));
  storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
  track = await makeTrack(creator, CHAIN_ID, COLLECTION); // with human edits in its log
  anchors = (await testC2pa()).trustAnchorsPem;
  const res = await pin(form());
  expect(res.status).toBe(201);
  folderCid = ((await res.json()) as PinTrackResponse).cid;
  const read = await readTrackFiles(storage, CID.parse(folderCid));
  published = new Map([...read.files].map(([name, f]) => [name, f.bytes]));
});
afterAll(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a track pinned through the pin route', () => {
  it('carries a C2PA manifest whose essence is the uploaded WAV and which passes verification', async () => {
    const split = splitC2paChunk(audio());
    expect(split.essence).toEqual(track.wav);
    expect(split.chunkOffset).toBe(track.wav.byteLength);
    const r = await verifyFiles(published);
    expect(failed(r).filter((n) => n !== 'chain')).toEqual([]);
    expect(check(r, 'c2pa')).toMatchObject({ pass: true });
    expect(check(r, 'c2pa')?.skipped).toBeUndefined();
    expect(check(r, 'c2pa')?.reason).toMatch(/trusted/);
  });

  it('declares what the Motif manifest says: created by the model (composite: human edits), one c2pa.edited per edit kind, the manifest digest and CID', async () => {
    const reading = await readC2pa(audio(), { trustAnchorsPem: anchors });
    expect(reading.state).toBe('Trusted');
    expect(reading.failures).toEqual([]);
    expect(reading.actions[0]).toMatchObject({
      action: 'c2pa.created',
      digitalSourceType: IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
      softwareAgent: { name: track.manifest.model.id },
    });
    const edited = reading.actions.filter((a) => a.action === 'c2pa.edited').map((a) => a.parameters);
    expect(edited).toEqual([
      { 'org.motif.editKind': 'addNote', 'org.motif.count': 1 },
      { 'org.motif.editKind': 'updateNote', 'org.motif.count': 1 },
    ]);
    const motif = motifAssertionSchema.parse(reading.motif);
    expect(motif.manifest).toEqual({
      path: 'manifest.json',
      cid: (await cidOfBytes(published.get('manifest.json') ?? new Uint8Array())).toString(),
      digest: track.signed.manifestDigest,
    });
    expect(motif.model).toEqual({
      id: track.manifest.model.id,
      family: 'MusicRNN',
      weightsCid: track.manifest.model.weightsCid,
    });
    expect(motif.audioEssence).toEqual({
      sha256: track.manifest.files.audio.sha256,
      size: track.manifest.files.audio.size,
      cid: track.manifest.files.audio.cid,
    });
  });

  it('metadata.json links the published audio.wav (with C2PA), not the essence', async () => {
    const metadata = JSON.parse(new TextDecoder().decode(published.get('metadata.json'))) as { animation_url: string };
    expect(animationCid(metadata.animation_url)).toBe((await cidOfBytes(audio())).toString());
    expect(animationCid(metadata.animation_url)).not.toBe(track.manifest.files.audio.cid);
  });

  it('refuses (422) an upload that already carries a C2PA chunk', async () => {
    const res = await pin(formWith(audio()));
    expect(res.status).toBe(422);
  });
});

const animationCid = (url: string) => url.replace('ipfs://', '');
function formWith(wav: Uint8Array): FormData {
  const f = form();
  f.set('wav', new Blob([new Uint8Array(wav)], { type: 'audio/wav' }), 'audio.wav');
  return f;
}

describe('tampering', () => {
  it('one byte of audio data: the C2PA data hash and the essence digest both fail', async () => {
    const r = await verifyFiles(new Map(published).set('audio.wav', flip(audio(), 44 + 100)));
    expect(failed(r)).toContain('c2pa');
    expect(failed(r)).toContain('files');
    expect(check(r, 'c2pa')?.reason).toMatch(/assertion\.dataHash\.mismatch/);
    expect(check(r, 'c2pa')?.reason).toMatch(/audio essence .* has sha256/);
    expect(check(r, 'files')?.reason).toMatch(/audio\.wav essence sha256/);
  });

  it('one byte inside the C2PA chunk (the claim signature): the c2pa check fails, the audio essence still matches', async () => {
    const split = splitC2paChunk(audio());
    const lastSignatureByte = (split.chunkOffset ?? 0) + 8 + (split.manifestStore?.byteLength ?? 0) - 1;
    const r = await verifyFiles(new Map(published).set('audio.wav', flip(audio(), lastSignatureByte)));
    expect(failed(r).filter((n) => n !== 'chain')).toEqual(['c2pa', 'files']);
    expect(check(r, 'c2pa')?.reason).toMatch(/claimSignature\.mismatch/);
    // the files check objects only that metadata.json links the original file, not to the audio
    expect(check(r, 'files')?.reason).toMatch(/^metadata animation_url [^;]*$/);
  });

  it('one byte inside the C2PA chunk (an assertion): the assertion no longer matches its hashed URI', async () => {
    const offset = splitC2paChunk(audio()).chunkOffset ?? 0;
    const store = audio().subarray(offset);
    const at = offset + Buffer.from(store).indexOf('org.motif.editKind') + 2;
    const r = await verifyFiles(new Map(published).set('audio.wav', flip(audio(), at)));
    expect(failed(r).filter((n) => n !== 'chain')).toEqual(['c2pa', 'files']);
    expect(check(r, 'c2pa')?.reason).toMatch(/assertion\.hashedURI\.mismatch/);
    expect(check(r, 'files')?.reason).toMatch(/^metadata animation_url [^;]*$/);
  });

  it("one byte of manifest.json: the signature fails and C2PA no longer names the folder's manifest", async () => {
    const manifest = published.get('manifest.json') ?? new Uint8Array();
    const at = Buffer.from(manifest).indexOf('"createdAt": "2026') + '"createdAt": "202'.length;
    const r = await verifyFiles(new Map(published).set('manifest.json', flip(manifest, at)));
    expect(failed(r)).toContain('signature');
    expect(failed(r)).toContain('c2pa');
    expect(check(r, 'c2pa')?.reason).toMatch(/C2PA names manifest\.json .*, the folder holds/);
  });

  it('a C2PA manifest signed by a certificate outside the trust anchors fails', async () => {
    const other = parseCredentials(await generateLocalCredentials({ organisation: 'Someone else' }));
    const r = await verifyFiles(published, other.trustAnchorsPem);
    expect(check(r, 'c2pa')).toMatchObject({ pass: false });
    expect(check(r, 'c2pa')?.reason).toMatch(/signingCredential\.untrusted/);
  });

  it('a track pinned before C2PA (audio.wav without the chunk) skips the check without failing it', async () => {
    const legacy = new Map(published).set('audio.wav', track.wav);
    legacy.delete('metadata.json'); // (its animation_url names the C2PA file; the files check reports that, not c2pa)
    const r = await verifyFiles(legacy);
    expect(check(r, 'c2pa')).toMatchObject({ pass: true, skipped: true });
    expect(check(r, 'c2pa')?.reason).toMatch(/carries no C2PA manifest/);
  });
});
