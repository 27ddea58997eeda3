import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './compile';

/** The committed file @wagmi/cli writes (wagmi.config.ts): the typed ABIs every importer of lib/contracts/abi reads. */
export const GENERATED_ABIS_FILE = path.join(REPO_ROOT, 'lib', 'contracts', 'abi', 'index.ts');

/**
 * Runs `wagmi generate` (wagmi.config.ts) over the solc-js build in contracts/out: call after compileContracts().
 * `out` redirects the output (the freshness test writes to a temporary file); by default it rewrites the committed
 * GENERATED_ABIS_FILE.
 */
export async function generateAbis(parameters: { out?: string } = {}): Promise<void> {
  const env = { ...process.env };
  if (parameters.out) env.MOTIF_WAGMI_OUT = parameters.out;
  else delete env.MOTIF_WAGMI_OUT;
  await promisify(execFile)(
    path.join(REPO_ROOT, 'node_modules', '.bin', 'wagmi'),
    ['generate', '--config', path.join(REPO_ROOT, 'wagmi.config.ts')],
    { cwd: REPO_ROOT, env },
  );
}
