import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure logic and integration against real anvil / PostgreSQL / Helia started by the global
// set-up) runs files in parallel; `e2e` (the built app in Debian's Chromium, whole-platform starts) runs one file
// at a time because each file brings up the platform.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          globalSetup: ['test/setup/global-services.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts', 'test/e2e/**/*.e2e.ts'],
          testTimeout: 240_000,
          hookTimeout: 400_000,
          pool: 'forks',
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
