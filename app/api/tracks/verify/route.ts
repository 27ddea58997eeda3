import { getServices } from '../../../../lib/platform/services';
import { c2paTrustAnchors } from '../../../../lib/platform/c2pa-credentials';
import { chainOptionsFor } from '../../../../lib/provenance/chain-options';
import { createNodeReplay } from '../../../../lib/provenance/replay-node';
import { createVerifyHandler } from './handler';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// The replay check regenerates the melody with the shipped weights on tfjs' cpu backend in this server process
// (Magenta and tfjs are server-external packages, loaded from node_modules, not bundled).
const handler = createVerifyHandler({
  replay: createNodeReplay(),
  storage: async () => (await getServices()).storage,
  chain: async () => {
    const s = await getServices();
    return chainOptionsFor({ rpcUrl: s.rpcUrl, chainId: s.chainId, deploymentPath: s.deploymentPath });
  },
  c2paTrustAnchors: async () => {
    const s = await getServices();
    return c2paTrustAnchors({ env: s.env, dataDir: s.layout.dataDir });
  },
});

/** GET /api/tracks/verify?id=<tokenId | CID> */
export async function GET(request: Request): Promise<Response> {
  return handler(request);
}
