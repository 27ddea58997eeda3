/**
 * The suite's long wall-clock limit: how long any test, hook or child process may take before it is
 * called hung. Tests wait on events (a line printed, a page element shown, a receipt); this limit only catches a hang,
 * so it is far above what any step needs even on a loaded 2-core machine, and never below 10 minutes.
 */
export const LONG_WAIT_MS = 20 * 60_000;

/**
 * How long ONE wait inside a test (a page element, a poll, a navigation) may take: half the test's limit, so a wait
 * that hangs fails with its own message (what it waited for, what it last saw) before the test's limit cuts it off
 * with none. Like every limit here, never below 10 minutes (the slowest steps seen in CI take seconds).
 */
export const STEP_WAIT_MS = 10 * 60_000;

/** How often a test looks again at state that announces nothing when it changes (the indexer's view, a health page). */
export const POLL_MS = 250;

/**
 * Looks at `check` every POLL_MS until it holds: for state with no event to wait on (a page rendered from the
 * indexer's tables, a database row, a health answer). Gives up, with `detail()` in the message, after STEP_WAIT_MS.
 */
export async function pollUntil(what: string, check: () => Promise<boolean>, detail?: () => string): Promise<void> {
  const deadline = performance.now() + STEP_WAIT_MS;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`gave up waiting for ${what}${detail ? `:\n${detail()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
