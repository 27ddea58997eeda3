import type { LostTransaction } from '../indexer/indexer';
import type { IndexerStateChange } from '../indexer/indexer';
import type { QuarantinedPack } from '../ipfs/pack-blockstore';
import type { SupervisorEvent } from './supervisor';

/** What the person running `npm start` must be told while it runs: restarts, outages, lost work. One string a line. */

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 1_000 ? 2 : 1)} s`;
const message = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));

export function supervisorNotice(event: SupervisorEvent): string {
  switch (event.kind) {
    case 'died':
      return `${event.name} died (${event.reason}); restarting in ${seconds(event.restartInMs)}`;
    case 'restart-failed':
      return `${event.name} could not be restarted (${event.reason.split('\n')[0]}); trying again in ${seconds(event.restartInMs)}`;
    case 'restarted':
      return `${event.name} restarted (restart ${event.restarts} since start)`;
  }
}

/** Said once per change: an outage is one line when it starts and one when it ends, however many retries. */
export function indexerStateNotice(change: IndexerStateChange): string {
  return change.state === 'retrying'
    ? `indexer cannot sync (${message(change.error)}); retrying with back-off, resuming from its cursor`
    : 'indexer running again, caught up from its cursor';
}

/** The lost transactions, each with what it did, so the user knows which actions to redo. */
export function lostTransactionsNotice(lost: readonly LostTransaction[]): string[] {
  if (lost.length === 0) return [];
  return [
    `${lost.length} confirmed transaction${lost.length === 1 ? ' is' : 's are'} no longer on the chain (the local chain lost its last moments, e.g. after kill -9; also shown on /activity); redo these actions if still wanted:`,
    ...lost.map(
      (tx) =>
        `  ${tx.txHash} (block ${tx.blockNumber}): ${tx.events.map((e) => `${e.contract}.${e.name}${e.tokenId === null ? '' : ` token ${e.tokenId}`}`).join(', ')}${tx.accounts.length ? ` (accounts ${tx.accounts.join(', ')})` : ''}`,
    ),
  ];
}

export function quarantineNotice(pack: QuarantinedPack): string {
  const blocks =
    pack.blocks === null ? 'an unknown number of blocks' : `${pack.blocks} block${pack.blocks === 1 ? '' : 's'}`;
  return `IPFS pack ${pack.pack} is damaged (${pack.reason}): moved to ${pack.movedTo}, ${blocks} lost until restored; the rest of the repository is in use (see /api/health)`;
}
