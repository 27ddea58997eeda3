import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** An address as the pages show it. Written out here, not imported from lib/, so the tests also check the app's formatting. */
export const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** Connects local dev account #`index` from the wallet menu and waits until the page shows `address` connected. */
export async function connectDevWallet(page: Page, index: number, address: string): Promise<void> {
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByRole('button', { name: `Local dev account #${index} — public test key, local chain only` }).click();
  await expect(page.getByLabel('Connected wallet').textContent()).resolves.toContain(short(address));
}

/** Reloads (every 0.5 s, up to 30 s) until the server-rendered page, the indexer's view, satisfies `check`. */
export async function reloadUntil(page: Page, check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
    await page.reload();
  }
  throw new Error(`timed out waiting for ${what}`);
}
