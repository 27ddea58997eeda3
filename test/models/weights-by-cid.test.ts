/**
 * The shipped weights are fetchable by the CID manifests record: pinned as the node does at `npm start`, every file
 * the registry lists is served by the gateway under `/ipfs/<weightsCid>/<file>` byte for byte as public/models has
 * it, and nothing else is inside the CID (the model card and DATA_FILES.sha256 are served beside it, outside).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinShippedWeights, ShippedWeightsMismatchError } from '../../lib/generation/models/pin-shipped-weights';
import { SHIPPED_LATENT_MODELS, SHIPPED_MODELS } from '../../lib/generation/models/registry';
import { gatewayResponse } from '../../lib/ipfs/gateway';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';

const publicDir = path.join(process.cwd(), 'public');
let dir: string;
let storage: HeliaStorage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-weights-cid-'));
  storage = await HeliaStorage.open(dir);
});
afterAll(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

const get = () => ({ method: 'GET', headers: new Headers() });

describe('shipped weights by CID', () => {
  it('pins every shipped model under its registry CID, and a second start finds them pinned', async () => {
    const first = await pinShippedWeights(storage, { publicDir });
    expect(first.map((w) => [w.id, w.cid, w.alreadyPinned])).toEqual(
      [...SHIPPED_MODELS, ...SHIPPED_LATENT_MODELS].map((m) => [m.id, m.weightsCid, false]),
    );
    const again = await pinShippedWeights(storage, { publicDir });
    expect(again.every((w) => w.alreadyPinned)).toBe(true);
  });

  describe.each([...SHIPPED_MODELS, ...SHIPPED_LATENT_MODELS].map((m) => [m.id, m] as const))('%s', (_id, model) => {
    it('serves each listed file under /ipfs/<weightsCid>/ byte for byte as public/models has it', async () => {
      for (const file of model.files) {
        const res = await gatewayResponse(storage, get(), model.weightsCid, [file.path]);
        expect(res.status).toBe(200);
        const served = Buffer.from(await res.arrayBuffer());
        expect(served.byteLength).toBe(file.bytes);
        expect(served.equals(readFileSync(path.join(publicDir, model.urlPath, file.path)))).toBe(true);
      }
      const listing = await gatewayResponse(storage, get(), model.weightsCid, []);
      const names = [...(await listing.text()).matchAll(/<li><a [^>]*>([^<]+)<\/a><\/li>/g)].map((m) => m[1]);
      expect(names).toEqual(model.files.map((f) => f.path));
    });

    it('keeps the model card and data list outside the CID (served beside it under /models/<id>/)', async () => {
      for (const outside of ['MODEL_CARD.md', 'DATA_FILES.sha256', 'SPLITS.json']) {
        expect(readFileSync(path.join(publicDir, model.urlPath, outside)).byteLength).toBeGreaterThan(0);
        expect((await gatewayResponse(storage, get(), model.weightsCid, [outside])).status).toBe(404);
      }
    });
  });

  it('refuses a checkpoint folder that is not the one the registry names', async () => {
    const [model] = SHIPPED_MODELS;
    if (!model) throw new Error('no shipped model');
    const other = SHIPPED_MODELS.find((m) => m.id !== model.id);
    if (!other) throw new Error('needs two shipped models');
    // The registry entry of one model pointed at another model's folder.
    const wrongFolder = {
      ...model,
      urlPath: other.urlPath,
      weightsCid: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
    };
    await expect(pinShippedWeights(storage, { publicDir, models: [wrongFolder] })).rejects.toBeInstanceOf(
      ShippedWeightsMismatchError,
    );
    const wrongCid = { ...model, weightsCid: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi' };
    await expect(pinShippedWeights(storage, { publicDir, models: [wrongCid] })).rejects.toThrow(
      /the node derived .* the registry names/,
    );
  });
});
