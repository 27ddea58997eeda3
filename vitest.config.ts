import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { LONG_WAIT_MS } from './test/support/limits';

// Two projects: `unit` (pure logic and integration against real anvil / PostgreSQL / Helia started by the global
// set-up) runs files in parallel; `e2e` (the built app in Debian's Chromium, whole-platform starts) runs one file
// at a time because each file brings up the platform. The app is built once, in the e2e project's global set-up (or
// before vitest by `npm test`). Tests and hooks wait on events; the one time limit only catches a hang.
export default defineConfig({
  test: {
    teardownTimeout: LONG_WAIT_MS,
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
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts', 'test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/setup/app-build.ts'],
          testTimeout: LONG_WAIT_MS,
          hookTimeout: LONG_WAIT_MS,
          pool: 'forks',
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
