/**
 * `npm run catalogue:export -- <address> [--out <folder>]`: the way out when a chain halts. Writes
 * `<folder>/catalogue-<chainId>-<address>.car` (every track folder <address> created or owns, plus the signed snapshot
 * as its first root) and the snapshot beside it as JSON. The snapshot records, at one block, each token's owner,
 * creator, royalty, split, licence and manifest digest with the chain id; it is signed by the operator's key
 * (DEPLOYER_PRIVATE_KEY; on the local chain the first dev account). Re-mint on another chain: README "Leaving a chain".
 */
import '../../lib/config/polyfills';
import path from 'node:path';
import { getAddress, isAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { exportCatalogue } from '../../lib/catalogue/export-catalogue';
import { readCatalogueSnapshot, signSnapshot } from '../../lib/catalogue/snapshot';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { resolveChain } from '../../lib/config/chains';
import { parseEnv, resolveLayout, usesLocalChain } from '../../lib/config/env';
import { readDeployment } from '../../lib/contracts/deployment';
import { createIpfsStorage } from '../../lib/ipfs/create-storage';
import { chainOptionsFor } from '../../lib/provenance/chain-options';

async function main(argv: string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  const outDir = path.resolve(outIndex >= 0 ? (argv[outIndex + 1] ?? '.') : '.');
  const who = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--out');
  if (who.length !== 1 || !isAddress(who[0] ?? '', { strict: false })) {
    console.error('usage: npm run catalogue:export -- <creator or label address> [--out <folder>]');
    return 2;
  }
  const account = getAddress(who[0]!);
  const env = parseEnv();
  const layout = resolveLayout(env);
  const { chain, rpcUrl } = resolveChain(env);
  const deploymentPath = path.join(layout.deploymentsDir, `${chain.id}.json`);
  const options = chainOptionsFor({ rpcUrl, chainId: chain.id, deploymentPath });
  if ('problem' in options) {
    console.error(`cannot read the chain: ${options.problem}`);
    return 2;
  }
  const key = env.DEPLOYER_PRIVATE_KEY ?? (usesLocalChain(env) ? localDevAccounts(1)[0]?.privateKey : undefined);
  if (!key) {
    console.error('set DEPLOYER_PRIVATE_KEY: the operator key that signs the snapshot');
    return 2;
  }
  const splitMain = readDeployment(deploymentPath).contracts.SplitMain.address;
  const snapshot = await readCatalogueSnapshot(options.chain.publicClient, {
    account,
    collection: options.chain.collection,
    splitMain,
    fromBlock: options.chain.fromBlock,
  });
  const signed = await signSnapshot(snapshot, privateKeyToAccount(key));
  const storage = await createIpfsStorage({ env, ipfsDir: layout.ipfsDir });
  try {
    const out = await exportCatalogue({ storage, signed, outDir, name: `catalogue-${chain.id}-${account}` });
    console.log(
      `${snapshot.tracks.length} track(s) of ${account} on chain ${chain.id} at block ${snapshot.block.number}`,
    );
    console.log(`CAR: ${out.carPath} (${out.blocks} blocks; roots: snapshot ${out.snapshotCid}, then each folder)`);
    console.log(`snapshot: ${out.snapshotPath} (signed by ${signed.signer})`);
    return 0;
  } finally {
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
