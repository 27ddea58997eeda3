/** GET /api/tracks/verify (handler) with a real Helia node, and the /verify form's accessible markup. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifyHandler, type VerifyTrackResponse } from '../../app/api/tracks/verify/handler';
import { VerifyForm } from '../../app/verify/verify-form';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { pinTrack } from '../../lib/ipfs/track-folder';
import { CHAIN_ID, COLLECTION, fakeReplay, makeTrack } from './fixtures';

let dir: string;
let storage: HeliaStorage;
let cid: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-verify-route-'));
  storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
  const track = await makeTrack(privateKeyToAccount('0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6'), CHAIN_ID, COLLECTION);
  cid = (await pinTrack(storage, track)).cid;
});
afterAll(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

describe('GET /api/tracks/verify', () => {
  const handler = createVerifyHandler({ storage: async () => storage, chain: async () => ({ problem: 'no deployment recorded' }), replay: fakeReplay });

  it('answers the checks, with the reason a check was skipped', async () => {
    const res = await handler(new Request(`http://localhost/api/tracks/verify?id=${cid}`));
    expect(res.status).toBe(200);
    const body = (await res.json()) as VerifyTrackResponse;
    expect(body.cid).toBe(cid);
    expect(body.checks.map((c) => [c.name, c.pass])).toEqual([['manifest', true], ['files', true], ['signature', true], ['replay', true], ['chain', false]]);
    expect(body.checks.find((c) => c.name === 'chain')?.reason).toBe('skipped: no deployment recorded');
    expect(body.summary?.aiDisclosure).toMatch(/compositeWithTrainedAlgorithmicMedia$/);
    const noReplay = createVerifyHandler({ storage: async () => storage, chain: async () => ({ problem: 'x' }), replayUnavailable: 'run npm run verify' });
    const b2 = (await (await noReplay(new Request(`http://localhost/api/tracks/verify?id=${cid}`))).json()) as VerifyTrackResponse;
    expect(b2.checks.find((c) => c.name === 'replay')?.reason).toBe('skipped: run npm run verify');
  });

  it('400 for an id that is neither a token id nor a CID', async () => {
    const res = await handler(new Request('http://localhost/api/tracks/verify?id=hello'));
    expect(res.status).toBe(400);
  });
});

describe('/verify form', () => {
  it('has a labelled input and a submit button', () => {
    const html = renderToStaticMarkup(createElement(VerifyForm, { initialId: '42' }));
    const id = /<input id="([^"]+)"/.exec(html)?.[1];
    expect(id).toBeTruthy();
    expect(html).toContain(`<label for="${id}">Token id or CID`);
    expect(html).toContain('value="42"');
    expect(html).toMatch(/<button type="submit"[^>]*>Verify<\/button>/);
    expect(html).toContain('aria-live="polite"');
  });
});
