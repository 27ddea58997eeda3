/**
 * Blend in the studio (issue #18): compose with the shipped melody model, blend bars 1-2 into bars 3-4 with the
 * shipped MusicVAE (plain TS in the page), apply a result into bars 2-3 as a `latentBars` edit, check Node re-runs
 * it to the same notes (the verifier's check), reload and find the edit kept.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { LONG_WAIT_MS } from '../support/limits';
import { pressCtrlC, runStartScript, type StartedPlatform, tempPlatform } from '../support/start-process';
import { parseEditLog } from '../../lib/generation/edit-log';
import { getShippedLatentModel } from '../../lib/generation/models/registry';
import { NODE_ADAPTERS } from '../../lib/generation/models/node-adapters';
import { checkLatentEdits } from '../../lib/generation/models/vae/check-latent-edits';

const vae = getShippedLatentModel('motif-vae-2bar-v1');
let platformDir = '';
let app: StartedPlatform | undefined;
let chromium: Browser | undefined;
let studio: Page;

beforeAll(async () => {
  const platform = await tempPlatform('studio-vae');
  platformDir = platform.dir;
  app = runStartScript(platform.env);
  const [, launched] = await Promise.all([app.ready, launchChromium()]);
  chromium = launched;
  studio = await chromium.newPage();
  // a page error (one that stops hydration) fails the set-up at once instead of waiting out the limit
  const broken = new Promise<never>((_, reject) => studio.once('pageerror', reject));
  broken.catch(() => undefined); // a later page error is not this wait's
  await studio.goto(`http://localhost:${platform.env.MOTIF_APP_PORT}/studio`);
  await Promise.race([studio.waitForFunction(() => 'motifStudio' in window), broken]);
}, LONG_WAIT_MS);

afterAll(async () => {
  await chromium?.close();
  if (app && app.child.exitCode === null && app.child.signalCode === null) {
    pressCtrlC(app);
    await app.exited;
  }
  await rm(platformDir, { recursive: true, force: true });
});

const editLogOf = async (p: Page) => parseEditLog(await p.evaluate('window.motifStudio.editLog()'));

describe('studio: blend two bars with the MusicVAE', () => {
  it(
    'blends bars 1-2 into 3-4, applies a result as a recorded latentBars edit that Node re-runs, and keeps it after a reload',
    async () => {
      await studio.getByRole('spinbutton', { name: 'Bars', exact: true }).fill('4');
      await studio.getByRole('button', { name: 'Compose', exact: true }).click();
      await studio.getByTestId('digest').or(studio.getByTestId('error')).waitFor({ timeout: LONG_WAIT_MS });
      await expect(studio.getByTestId('error').count()).resolves.toBe(0);

      const panel = studio.getByRole('region', { name: 'Blend and vary' });
      await panel.getByRole('spinbutton', { name: 'Bar A' }).fill('1');
      await panel.getByRole('spinbutton', { name: 'Bar B' }).fill('3');
      await panel.getByRole('spinbutton', { name: 'Results' }).fill('3');
      await panel.getByRole('spinbutton', { name: 'Blend variation' }).fill('5');
      await panel.getByRole('spinbutton', { name: 'Write into bar' }).fill('2');
      await panel.getByRole('button', { name: 'Preview blend' }).click();
      const results = panel.getByRole('list', { name: 'Blend results' });
      await results.or(panel.getByRole('alert')).waitFor();
      await expect(panel.getByRole('alert').count()).resolves.toBe(0);
      await expect(results.getByRole('listitem').count()).resolves.toBe(3);
      await panel.getByRole('button', { name: 'Apply result 2' }).click();
      await panel.getByRole('status').or(panel.getByRole('alert')).waitFor();
      await expect(panel.getByRole('status').textContent()).resolves.toBe('Applied result 2 to bars 2-3');

      const log = await editLogOf(studio);
      const op = log.ops.at(-1);
      if (op?.op !== 'latentBars') throw new Error(`expected a latentBars edit, the log ends with ${op?.op}`);
      expect(op.bar).toBe(1);
      expect(op.generation).toMatchObject({
        operation: 'interpolate',
        modelId: vae.id,
        weightsCid: vae.weightsCid,
        seed: 5,
        steps: 3,
        index: 1,
      });
      // Node re-runs the browser's result from the record alone: the same notes (what a verifier does)
      const model = await NODE_ADAPTERS.MusicVAE.loadFolder(path.join(process.cwd(), 'public', vae.urlPath));
      const latent = model.latent;
      if (!latent) throw new Error('the shipped VAE has no latent operations');
      await expect(checkLatentEdits(log.ops, () => Promise.resolve(latent))).resolves.toBe(1);

      const before = await studio.evaluate('window.motifStudio.arrangement()');
      await studio.evaluate('window.motifStudio.flush()');
      await studio.reload();
      await studio.waitForFunction(() => 'motifStudio' in window);
      await studio.getByTestId('digest').waitFor();
      expect(await editLogOf(studio)).toEqual(log);
      expect(await studio.evaluate('window.motifStudio.arrangement()')).toEqual(before);
    },
    LONG_WAIT_MS,
  );
});
