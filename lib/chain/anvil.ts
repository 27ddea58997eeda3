import { createRequire } from 'node:module';
import path from 'node:path';
import { startProcess, type ManagedProcess } from '../process/child-process';

import { LOCAL_CHAIN_ID } from '../config/chains';

export { LOCAL_CHAIN_ID };

export type StartAnvilParameters = {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** File that keeps the chain's state across restarts (`--state`); omitted means in-memory. */
  statePath?: string;
  /** Seconds between state saves with `statePath` (default 1); anvil also saves when it stops gracefully. */
  stateIntervalSeconds?: number;
  /** Seconds between automatic blocks; omitted means one block per transaction. */
  blockTime?: number;
  chainId?: number;
  onLine?: (line: string) => void;
};

export type Anvil = {
  readonly rpcUrl: string;
  readonly port: number;
  readonly chainId: number;
  readonly process: ManagedProcess;
  stop(): Promise<void>;
};

/** Path of the anvil binary shipped by the `@foundry-rs/anvil-linux-amd64` npm package. */
export function anvilBinaryPath(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@foundry-rs/anvil-linux-amd64/package.json');
  return path.join(path.dirname(pkg), 'bin', 'anvil');
}

/** Starts anvil directly (not through `npm exec`, whose wrapper would outlive a kill). */
export async function startAnvil(params: StartAnvilParameters = {}): Promise<Anvil> {
  const host = params.host ?? '127.0.0.1';
  const chainId = params.chainId ?? LOCAL_CHAIN_ID;
  const args = ['--host', host, '--port', String(params.port ?? 0), '--chain-id', String(chainId)];
  if (params.statePath)
    args.push('--state', params.statePath, '--state-interval', String(params.stateIntervalSeconds ?? 1));
  if (params.blockTime) args.push('--block-time', String(params.blockTime));
  const proc = await startProcess({
    command: anvilBinaryPath(),
    args,
    isReady: (line) => /Listening on [\d.]+:\d+/.test(line),
    onLine: params.onLine,
    timeoutMs: 30_000,
  });
  const match = /Listening on ([\d.]+):(\d+)/.exec(proc.readyLine);
  const port = Number(match?.[2]);
  return {
    rpcUrl: `http://${host}:${port}`,
    port,
    chainId,
    process: proc,
    stop: () => proc.stop(),
  };
}
