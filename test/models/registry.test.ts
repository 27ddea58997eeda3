/** The weights' CID in the registry is the CID of the files; one flipped byte changes it. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cidOfFolder } from '../../lib/ipfs/cid-of-files';
import { checkpointCid, checkpointFiles } from '../../lib/generation/models/checkpoint-files';
import {
  SHIPPED_LATENT_MODELS,
  SHIPPED_MODELS,
  getModel,
  checkpointUrl,
  defaultModel,
  UnknownModelError,
} from '../../lib/generation/models/registry';

describe.each([...SHIPPED_MODELS, ...SHIPPED_LATENT_MODELS].map((m) => [m.id, m] as const))('%s', (_id, entry) => {
  const folder = join(process.cwd(), 'public', entry.urlPath);
  it('registry CID = CID of config.json, weights_manifest.json and shards', async () => {
    expect(await checkpointCid(folder)).toBe(entry.weightsCid);
    expect(checkpointFiles(folder).map((f) => [f.path, f.content.byteLength])).toEqual(
      entry.files.map((f) => [f.path, f.bytes]),
    );
  });
  it('a changed byte in any file changes the CID', async () => {
    const files = checkpointFiles(folder);
    for (let i = 0; i < files.length; i++) {
      const copy = files.map((f) => ({ path: f.path, content: new Uint8Array(f.content) }));
      const target = copy[i]!;
      const at = Math.floor(target.content.length / 2);
      target.content[at] = target.content[at]! ^ 0x01;
      expect((await cidOfFolder(copy)).toString()).not.toBe(entry.weightsCid);
    }
  });
});

describe('registry lookups', () => {
  it('finds models and builds checkpoint URLs', () => {
    const m = defaultModel('melody');
    expect(getModel(m.id)).toBe(m);
    expect(checkpointUrl(m, 'https://motif.example/')).toBe(`https://motif.example/models/${m.id}`);
    expect(checkpointUrl(getModel('magenta/chord_pitches_improv'))).toMatch(/^https:\/\/storage\.googleapis\.com\//);
    expect(() => getModel('nope')).toThrow(UnknownModelError);
  });
});
