import { rm } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { pressCtrlC, runStartScript, tempPlatform, type PlatformEnv, type StartedPlatform } from './start-process';

/** One e2e file's platform: `npm start` in a fresh data folder on free ports, and Chromium beside it. */
export type BrowserPlatform = {
  dir: string;
  env: PlatformEnv;
  started: StartedPlatform;
  browser: Browser;
  /** e.g. `http://localhost:PORT`. */
  base: string;
};

/**
 * Starts the platform (`extraEnv` added to its environment; `prepare` runs on the fresh data folder before the start)
 * and Chromium at the same time, once both are ready. A failed start is cleaned up before the error is thrown.
 * Pair with stopBrowserPlatform in afterAll.
 */
export async function startBrowserPlatform(
  name: string,
  options: { extraEnv?: Record<string, string>; prepare?: (env: PlatformEnv) => Promise<void> } = {},
): Promise<BrowserPlatform> {
  const { dir, env } = await tempPlatform(name);
  let started: StartedPlatform | undefined;
  let browser: Browser | undefined;
  try {
    await options.prepare?.(env);
    started = runStartScript({ ...env, ...options.extraEnv });
    const [launched, ready] = await Promise.allSettled([launchChromium(), started.ready]);
    if (launched.status === 'fulfilled') browser = launched.value;
    else throw launched.reason;
    if (ready.status === 'rejected') throw ready.reason;
    return { dir, env, started, browser, base: `http://localhost:${env.MOTIF_APP_PORT}` };
  } catch (error) {
    await stopBrowserPlatform({ dir, started, browser });
    throw error;
  }
}

/** Closes Chromium, presses Ctrl-C on the platform and waits for it to exit, then removes its data folder. */
export async function stopBrowserPlatform(
  platform: { dir?: string; started?: StartedPlatform; browser?: Browser } | undefined,
): Promise<void> {
  if (!platform) return;
  await platform.browser?.close();
  try {
    if (platform.started) {
      try {
        pressCtrlC(platform.started);
      } catch {
        // A start that failed has already exited with its whole process group: nothing to signal.
      }
      await platform.started.exited;
    }
  } finally {
    if (platform.dir) await rm(platform.dir, { recursive: true, force: true });
  }
}

/** The Content Security Policy violations `page` reports in its console from now on (the list fills as they come). */
export function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|connect|apply)/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}
