import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { z } from 'zod';

/** The two widths every page is checked at: a phone and a laptop. */
export const CHECK_WIDTHS = [390, 1280] as const;

/** Where the e2e run writes its screenshots (one folder per e2e file), to be looked at by people. */
const SCREENSHOTS = path.join('test-results', 'screenshots');
/**
 * Not in CI (`CI=true`, set by .ci/run): nobody can look at them there (a clean checkout, removed after the run), and
 * a full-page screenshot is a whole rasterised page encoded as PNG, Chromium's CPU taken from the suite's.
 */
const WRITE_SCREENSHOTS = process.env.CI !== 'true';

const violationsSchema = z.array(
  z.object({ id: z.string(), impact: z.string().nullish(), help: z.string(), nodes: z.array(z.unknown()) }),
);

/**
 * Checks the page state now shown at the viewport's current width: it must not scroll sideways, show no broken
 * image, and axe-core must find no serious or critical violation. Outside CI, writes a full-page screenshot to
 * test-results/screenshots/<folder>/<name>-<width>.png. Returns one line per problem (none: []), so a test can check
 * several states and fail once.
 */
export async function checkPageState(page: Page, folder: string, name: string): Promise<string[]> {
  const problems: string[] = [];
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  const where = `${name} at ${innerWidth} px`;
  if (scrollWidth > innerWidth) problems.push(`${where} scrolls sideways: ${scrollWidth} > ${innerWidth}`);
  // an image the browser finished loading with nothing to show is a broken image (one still loading is not judged)
  const broken = await page.evaluate(() =>
    Array.from(document.images)
      .filter((img) => img.complete && img.naturalWidth === 0 && img.currentSrc !== '')
      .map((img) => img.currentSrc),
  );
  for (const src of broken) problems.push(`${where} shows a broken image: ${src}`);
  if (WRITE_SCREENSHOTS) {
    await mkdir(path.join(SCREENSHOTS, folder), { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, folder, `${name}-${innerWidth}.png`), fullPage: true });
  }
  // axe-core's own source evaluated in the page (DevTools evaluation, not an inline script the CSP would block).
  const found = violationsSchema.parse(
    await page.evaluate(
      `${axe.source}\n;axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target) })))`,
    ),
  );
  for (const v of found)
    if (v.impact === 'serious' || v.impact === 'critical')
      problems.push(`${where}: ${v.impact} ${v.id} (${v.help}) at ${JSON.stringify(v.nodes)}`);
  return problems;
}
