/**
 * The model adapter layer: every family has both adapters, a checkpoint's config names its family, and composing
 * through the MusicRNN adapter gives exactly what `compose(instance, …)` gives (the replay and provenance digests).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMPOSING_FAMILIES,
  familyOfConfig,
  MODEL_FAMILIES,
  UnknownModelFamilyError,
  type GenerativeModel,
} from './adapter';
import { BROWSER_ADAPTERS } from './browser-adapters';
import { NODE_ADAPTERS } from './node-adapters';
import { MODEL_REGISTRY } from './registry';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from './node-loader';
import { compose, regenerateBar } from '../compose/compose';
import { defaultComposeRequest } from '../compose/request';
import { writeFixtureCheckpoint } from '../../../test/studio/fixture-checkpoint';
import { modelSchema } from '../../provenance/manifest-schema';
import { modelSchema as modelSchemaV1 } from '../../provenance/manifest-schema-v1';

describe('model families', () => {
  it('every family has a browser and a Node adapter that say they are that family', () => {
    for (const f of MODEL_FAMILIES) {
      expect(BROWSER_ADAPTERS[f].family).toBe(f);
      expect(NODE_ADAPTERS[f].family).toBe(f);
    }
  });

  it('every registered model names a known family', () => {
    for (const m of MODEL_REGISTRY) expect(MODEL_FAMILIES).toContain(m.family);
  });

  it('the current manifest records any composing family; the frozen version 1 only MusicRNN', () => {
    const model = (family: string) => ({
      id: 'm',
      family,
      weightsCid: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
      backend: 'cpu-js',
    });
    for (const f of COMPOSING_FAMILIES) expect(modelSchema.safeParse(model(f)).success).toBe(true);
    expect(modelSchema.safeParse(model('MusicVAE')).success).toBe(false);
    expect(modelSchema.safeParse(model('NotAFamily')).success).toBe(false);
    expect(modelSchemaV1.safeParse(model('MusicRNN')).success).toBe(true);
    expect(modelSchemaV1.safeParse(model('NotAFamily')).success).toBe(false);
  });

  it("reads the family from a checkpoint's config.json and refuses unknown or missing types", () => {
    expect(familyOfConfig({ type: 'MusicRNN', dataConverter: {} })).toBe('MusicRNN');
    expect(familyOfConfig({ type: 'MusicVAE' })).toBe('MusicVAE');
    expect(() => familyOfConfig({ type: 'MusicTransformer' })).toThrow(UnknownModelFamilyError);
    expect(() => familyOfConfig({})).toThrow(/model type undefined/);
    expect(() => familyOfConfig(null)).toThrow(UnknownModelFamilyError);
    expect(() => familyOfConfig({ type: 'toString' })).toThrow(UnknownModelFamilyError);
  });
});

describe('the MusicRNN adapter (Node)', () => {
  let dir: string;
  let viaAdapter: GenerativeModel;
  let direct: MusicRnnInstance;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'motif-adapter-'));
    const folder = await writeFixtureCheckpoint(path.join(dir, 'model'));
    [viaAdapter, direct] = await Promise.all([
      NODE_ADAPTERS.MusicRNN.loadFolder(folder),
      loadMusicRnnFromFolder(folder),
    ]);
  });

  afterAll(async () => {
    viaAdapter?.dispose();
    direct?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('composes exactly what compose() on the Magenta instance composes', async () => {
    const request = defaultComposeRequest({ modelId: 'studio-fixture-2x128', seed: 7, bars: 4 });
    const [a, b] = await Promise.all([viaAdapter.compose(request), compose(direct, request)]);
    expect(a.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.digest).toBe(b.digest);
    expect(a.arrangement).toEqual(b.arrangement);
    expect(a.backend).toBe(b.backend);
  });

  it('regenerates a bar exactly as regenerateBar() does, and refuses a bar outside the piece', async () => {
    const { arrangement } = await viaAdapter.compose(
      defaultComposeRequest({ modelId: 'studio-fixture-2x128', seed: 9, bars: 4 }),
    );
    const p = { modelId: 'studio-fixture-2x128', arrangement, bar: 2, seed: 11, temperature: 1, snapToScale: true };
    expect(await viaAdapter.regenerateBar(p)).toEqual(await regenerateBar({ ...p, model: direct }));
    await expect(viaAdapter.regenerateBar({ ...p, bar: 4 })).rejects.toThrow(/outside 0\.\.3/);
  });
});
