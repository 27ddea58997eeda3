/**
 * Vitest global set-up of the e2e project: builds the app once for every e2e file (`next build`, skipped when the
 * sources did not change since the last build), so no file's `beforeAll` builds it under a hook's time limit.
 * `npm test` builds it before vitest starts; this covers `npx vitest run test/e2e/...` run directly.
 */
import { ensureAppBuild } from '../../lib/platform/app-build';

export default async function setup(): Promise<void> {
  const build = await ensureAppBuild({ cwd: process.cwd() });
  if (build.built) console.log(`e2e set-up: app built in ${(build.ms / 1000).toFixed(1)} s`);
}
