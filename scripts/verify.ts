/**
 * `npm run verify -- <tokenId | CID> [--json] [--no-replay]`: verifies a track (manifest, files, c2pa, signature,
 * replay, chain) against the configured IPFS backend, chain and local deployment (.motif/deployments/<chainId>.json), as the
 * app would (same environment variables, same defaults). Exit code 0 only when every check passed.
 */
import '../lib/config/polyfills';
import path from 'node:path';
import { resolveChain } from '../lib/config/chains';
import { parseEnv, resolveLayout } from '../lib/config/env';
import { createIpfsStorage } from '../lib/ipfs/create-storage';
import { c2paTrustAnchors } from '../lib/platform/c2pa-credentials';
import { chainOptionsFor } from '../lib/provenance/chain-options';
import { parseTrackTarget } from '../lib/provenance/target';
import { verifyTrack, type VerifyCheck } from '../lib/provenance/verify-track';

async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => !a.startsWith('--'));
  const asJson = argv.includes('--json');
  const noReplay = argv.includes('--no-replay');
  if (args.length !== 1 || !args[0]) {
    console.error('usage: npm run verify -- <tokenId | CID> [--json] [--no-replay]');
    return 2;
  }
  const target = parseTrackTarget(args[0]);
  const env = parseEnv();
  const layout = resolveLayout(env);
  const { chain, rpcUrl } = resolveChain(env);
  const chainOptions = chainOptionsFor({
    rpcUrl,
    chainId: chain.id,
    deploymentPath: path.join(layout.deploymentsDir, `${chain.id}.json`),
  });
  const storage = await createIpfsStorage({ env, ipfsDir: layout.ipfsDir });
  // The replay runs in its own thread, beside the other checks (lib/provenance/replay-worker.ts).
  const replay = noReplay ? undefined : (await import('../lib/provenance/replay-worker')).createWorkerReplay();
  void replay?.prepare(); // its modules load while the files are read
  try {
    // C2PA signers are checked against this platform's roots (its data folder or MOTIF_C2PA_*), when it has any
    const c2pa = { trustAnchorsPem: await c2paTrustAnchors({ env, dataDir: layout.dataDir }) };
    const result = await verifyTrack({
      ...target,
      storage,
      replay,
      chain: 'chain' in chainOptions ? chainOptions.chain : undefined,
      c2pa,
    });
    const checks: VerifyCheck[] = result.checks.map((c) =>
      c.name === 'chain' && c.skipped && 'problem' in chainOptions
        ? { ...c, reason: `skipped: ${chainOptions.problem}` }
        : c,
    );
    if (asJson) console.log(JSON.stringify({ ...result, checks }, null, 2));
    else {
      console.log(`track ${result.cid}${result.tokenId ? ` (token ${result.tokenId})` : ''}`);
      for (const c of checks)
        console.log(`${c.skipped ? 'SKIP' : c.pass ? 'PASS' : 'FAIL'}  ${c.name.padEnd(9)} ${c.reason}`);
      console.log(
        result.ok
          ? 'verified: every check passed'
          : `not verified: ${checks.filter((c) => !c.pass).length} of ${checks.length} checks did not pass`,
      );
    }
    return result.ok ? 0 : 1;
  } finally {
    await replay?.dispose();
    await storage.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
