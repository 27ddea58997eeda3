import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { POLL_MS, STEP_WAIT_MS, pollUntil } from './limits';

/** An address as the pages show it. Written out here, not imported from lib/, so the tests also check the app's formatting. */
export const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/**
 * Opens the header's wallet menu and waits until it offers `account`. A click that lands before hydration does
 * nothing (the server's HTML has no handler yet), so the button is clicked again while the menu stays closed; it is
 * never clicked while open (aria-expanded), because it toggles.
 */
export async function openWalletMenu(page: Page, account: Locator): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Connect wallet' });
  await pollUntil('the wallet menu to open and offer the account', async () => {
    if ((await account.count()) > 0) return true;
    if ((await toggle.count()) > 0 && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    return (await account.count()) > 0;
  });
}

/** Connects local dev account #`index` from the wallet menu and waits until the page shows `address` connected. */
export async function connectDevWallet(page: Page, index: number, address: string): Promise<void> {
  const account = page.getByRole('button', { name: `Local dev account #${index} — public test key, local chain only` });
  await openWalletMenu(page, account);
  await account.click();
  await expect(page.getByLabel('Connected wallet').textContent()).resolves.toContain(short(address));
}

/**
 * Reloads until the server-rendered page, the indexer's view (which announces nothing), satisfies `check`. The check
 * must read without waiting (`count()`, `allTextContents()`): a locator's `textContent()` waits for its element, with
 * the step limit, so a check on an element that only a reload brings would never let the reload happen.
 *
 * After each load the check is polled for a while before the next reload, and that while doubles each round (1 s up
 * to 30 s): what the check reads may only appear after hydration and the wallet's reconnect (an owner's buttons), and
 * on a loaded machine that takes longer than any fixed gap, so reloading at a fixed pace could restart it forever.
 */
export async function reloadUntil(page: Page, check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = performance.now() + STEP_WAIT_MS;
  let settleMs = 1_000;
  let reloads = 0;
  for (;;) {
    const settled = performance.now() + settleMs;
    do {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    } while (performance.now() < settled);
    if (performance.now() > deadline)
      throw new Error(`gave up waiting for ${what} after ${reloads} reloads (${page.url()})`);
    settleMs = Math.min(settleMs * 2, 30_000);
    await page.reload();
    reloads++;
  }
}

/**
 * Waits until the page shows `text` (a success line), and fails at once with the alert's words if the page shows an
 * error (a non-empty role=alert) first, so a refused transaction is a clear failure rather than a wait for the limit.
 */
export async function waitForSuccess(page: Page, text: string): Promise<void> {
  const success = page.getByText(text);
  // Next's route announcer is an alert too: it reads out the new page title after a client-side navigation.
  const alert = page.locator('[role="alert"]:not(#__next-route-announcer__)').filter({ hasText: /\S/ });
  await success.or(alert).first().waitFor();
  if ((await success.count()) > 0) return;
  throw new Error(`expected "${text}", but the page shows: ${(await alert.allTextContents()).join(' | ')}`);
}

/** The text of every element `testId` names now, joined; never waits (for checks inside pollUntil/reloadUntil). */
export async function textNow(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).allTextContents()).join('');
}

/** Waits until the element `testId` names shows text that satisfies `check` (state the page computes on its own). */
export async function waitForText(page: Page, testId: string, check: (text: string) => boolean): Promise<string> {
  let text = '';
  await pollUntil(
    `${testId} to show the expected text`,
    async () => check((text = await textNow(page, testId))),
    () => `last text: ${text}`,
  );
  return text;
}
