import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { STEP_WAIT_MS } from './limits';

/** This test process's Chromium, launched by the first file that asks (see launchChromium). */
let shared: Promise<Browser> | undefined;

/**
 * Debian's Chromium (chromiumExecutable; installed by scripts/ensure-chromium.sh in `npm test`'s set-up), headless,
 * with no background network traffic. Every context it opens (and so every page) waits up to the suite's step limit
 * instead of Playwright's 30 s default: the tests wait for events (an element, a URL), and a busy machine is not a
 * failure; the step limit is below the test's, so a wait that hangs fails with Playwright's message naming the locator.
 *
 * One browser per test process, as Playwright's own runner keeps one per worker: the files a vitest worker runs one
 * after another share it (each launch costs about 2 CPU seconds, 22 e2e files), and each file still gets fresh
 * contexts (their own cookies and storage). `close()` on it closes every context the file opened and leaves the
 * browser for the next file; Playwright ends the browser when the process exits.
 */
export async function launchChromium(): Promise<Browser> {
  const running = shared && (await shared.catch(() => undefined));
  if (running?.isConnected()) return running;
  shared = launch();
  return shared;
}

/**
 * Debian's old headless shell (`chromium-headless-shell`, what Playwright's own runner launches for headless runs),
 * else the full browser; CHROMIUM_PATH overrides both. Why the shell: it leaves out the browser's UI and windowing
 * layers, and measured on the same e2e files it took a tenth less CPU (studio: 87 CPU s instead of 99), on a suite
 * whose wall time its CPU time bounds.
 */
function chromiumExecutable(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const headlessShell = '/usr/bin/chromium-headless-shell';
  return existsSync(headlessShell) ? headlessShell : '/usr/bin/chromium';
}

async function launch(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    headless: true,
    timeout: STEP_WAIT_MS,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  const newContext = browser.newContext.bind(browser);
  // Browser.newPage opens its context through newContext, so this covers pages opened either way.
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await newContext(...args);
    context.setDefaultTimeout(STEP_WAIT_MS);
    context.setDefaultNavigationTimeout(STEP_WAIT_MS);
    return context;
  };
  browser.close = async () => {
    await Promise.all(browser.contexts().map((context) => context.close()));
  };
  return browser;
}
