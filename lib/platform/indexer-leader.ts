import { IndexerBusyError, runIndexer, type RunIndexerParameters } from '../indexer/indexer';

export type LeaderOrStandbyParameters = RunIndexerParameters & {
  /** How often a standby tries the lock: the bound on how long the chain goes unindexed after the leader dies. */
  standbyPollMs?: number;
  /** Called when this process becomes a standby (another indexer leads), once per stretch of standing by. */
  onStandby?: () => void;
  /** Called when a standby has taken the lock and synced its first batch. */
  onLead?: () => void;
};

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs the indexer when this process holds the chain's indexer lock; while another process holds it, stands by and
 * tries again every `standbyPollMs`. The lock is a PostgreSQL session lock, so a leader that dies (even by SIGKILL)
 * loses it with its connection and a standby leads within about one poll. Ends when `signal` aborts, or with the
 * indexer's own fatal errors.
 */
export async function runIndexerLeaderOrStandby(params: LeaderOrStandbyParameters): Promise<void> {
  let standingBy = false;
  while (!params.signal.aborted) {
    try {
      await runIndexer({
        ...params,
        onSync: (result) => {
          if (standingBy) params.onLead?.();
          standingBy = false; // leading now: losing the lead later is reported again
          params.onSync?.(result);
        },
      });
      return;
    } catch (error) {
      if (!(error instanceof IndexerBusyError)) throw error;
      if (!standingBy) params.onStandby?.();
      standingBy = true;
      await pause(params.standbyPollMs ?? 1_000, params.signal);
    }
  }
}
