import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { pollUntil } from './limits';

/** An address as the pages show it. Written out here, not imported from lib/, so the tests also check the app's formatting. */
export const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** Connects local dev account #`index` from the wallet menu and waits until the page shows `address` connected. */
export async function connectDevWallet(page: Page, index: number, address: string): Promise<void> {
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByRole('button', { name: `Local dev account #${index} — public test key, local chain only` }).click();
  await expect(page.getByLabel('Connected wallet').textContent()).resolves.toContain(short(address));
}

/**
 * Reloads until the server-rendered page, the indexer's view (which announces nothing), satisfies `check`. The check
 * must read without waiting (`count()`, `allTextContents()`): a locator's `textContent()` waits for its element, with
 * the suite's long limit, so a check on an element that only a reload brings would never let the reload happen.
 */
export async function reloadUntil(page: Page, check: () => Promise<boolean>, what: string): Promise<void> {
  let first = true;
  await pollUntil(what, async () => {
    if (!first) await page.reload();
    first = false;
    return check();
  });
}

/**
 * Waits until the page shows `text` (a success line), and fails at once with the alert's words if the page shows an
 * error (a non-empty role=alert) first, so a refused transaction is a clear failure rather than a wait for the limit.
 */
export async function waitForSuccess(page: Page, text: string): Promise<void> {
  const success = page.getByText(text);
  const alert = page.getByRole('alert').filter({ hasText: /\S/ });
  await success.or(alert).first().waitFor();
  if ((await success.count()) > 0) return;
  throw new Error(`expected "${text}", but the page shows: ${(await alert.allTextContents()).join(' | ')}`);
}
