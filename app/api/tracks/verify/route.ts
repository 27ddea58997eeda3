import { getServices } from '../../../../lib/platform/services';
import { chainOptionsFor } from '../../../../lib/provenance/chain-options';
import { createVerifyHandler } from './handler';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// The web server does not load the generation models (tfjs + Magenta stay out of the server bundle); the replay check
// runs in `npm run verify`, which uses the default Node replay (lib/provenance/replay-node.ts).
const handler = createVerifyHandler({
  storage: async () => (await getServices()).storage,
  chain: async () => {
    const s = await getServices();
    return chainOptionsFor({ rpcUrl: s.rpcUrl, chainId: s.chainId, deploymentPath: s.deploymentPath });
  },
  replayUnavailable: 'the web server does not load the models; run `npm run verify -- <tokenId | CID>` to replay the generation',
});

/** GET /api/tracks/verify?id=<tokenId | CID> */
export async function GET(request: Request): Promise<Response> {
  return handler(request);
}
