import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { LONG_WAIT_MS } from './test/support/limits';
import LongestFirstSequencer from './test/setup/longest-first';

// Two projects: `unit` (pure logic and integration against real anvil / PostgreSQL / Helia started by the global
// set-up) and `e2e` (the built app in Debian's Chromium, each file its own whole platform in a fresh data folder on
// free ports), each two files at a time: the e2e files mostly wait (a block, the indexer, a page), so two of them
// share the cores well (measured: 22 files in about 8 minutes instead of 15). The app is built once, in the e2e
// project's global set-up (or before vitest by `npm test`). Tests and hooks wait on events; the one time limit only
// catches a hang.
export default defineConfig({
  test: {
    teardownTimeout: LONG_WAIT_MS,
    // the e2e files longest first, by the durations a clean run recorded (test/setup/longest-first.ts)
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      {
        // `import 'server-only'` marks modules the browser bundle must never get; Next resolves it to an empty module
        // on the server (the react-server condition). Tests run those modules on the server side too.
        resolve: {
          alias: { 'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)) },
        },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          globalSetup: ['test/setup/global-services.ts'],
          testTimeout: LONG_WAIT_MS,
          hookTimeout: LONG_WAIT_MS,
          pool: 'forks',
          maxWorkers: 2,
          // Each worker keeps its modules between files instead of importing tfjs, Magenta, viem and Prisma again
          // for every file: measured, the unit files ran in 146 s instead of 329 s (imports 20 s instead of 189 s).
          // What a file stubs is put back after each test, so nothing leaks into the next file.
          isolate: false,
          unstubGlobals: true,
          restoreMocks: true,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts', 'test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/setup/app-build.ts'],
          // a describe is a story: once a step fails its later steps are skipped, not each waited out
          setupFiles: ['test/setup/story-steps.ts'],
          testTimeout: LONG_WAIT_MS,
          hookTimeout: LONG_WAIT_MS,
          pool: 'forks',
          maxWorkers: 2,
          // As in the unit project, a worker keeps its modules (viem, Playwright, the lib modules a file reads the
          // chain or IPFS with) and its Chromium (test/support/chromium.ts) from one file to the next. Each file still
          // starts its own platform in its own data folder; no e2e file stubs or mocks anything.
          isolate: false,
        },
      },
    ],
  },
});
