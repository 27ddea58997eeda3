/** Browser half of the MusicVAE adapter: fetches config.json, weights_manifest.json and the shards; plain TS maths. */
import { MUSIC_VAE_FAMILY } from './family';
import type { BrowserModelAdapter } from '../adapter';
import { musicVaeModel } from './model';
import { parseVaeCheckpoint, VaeCheckpointError, weightsManifestSchema } from './weights';

async function get(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new VaeCheckpointError(`${url}: HTTP ${res.status}`);
  return res;
}

export const musicVaeBrowser: BrowserModelAdapter = {
  family: MUSIC_VAE_FAMILY,
  async load(url) {
    const config: unknown = await (await get(`${url}/config.json`)).json();
    const manifest = weightsManifestSchema.parse(await (await get(`${url}/weights_manifest.json`)).json());
    const shards = await Promise.all(
      (manifest[0]?.paths ?? []).map(async (p) => new Uint8Array(await (await get(`${url}/${p}`)).arrayBuffer())),
    );
    return { model: musicVaeModel(parseVaeCheckpoint(config, manifest, shards)), backend: 'js-f64' };
  },
};
