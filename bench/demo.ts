/**
 * Demo content on a fresh install (issue #16): `npm start` with the demo seed on, on an empty data folder, and the
 * seconds its `✔ demo` line reports (both phases of lib/demo: compose, render, pin and mint six tracks, list, sell,
 * distribute; then the label and profiles; the indexer's catch-up between them is not counted).
 */
import { rm } from 'node:fs/promises';
import { seedSecondsOf } from '../lib/demo/summary';
import { pressCtrlC, runStartScript, tempPlatform, type StartedPlatform } from '../test/support/start-process';
import type { BenchFigure, BenchModule } from './figure';

export const demoBench: BenchModule = {
  async run(): Promise<BenchFigure[]> {
    const { dir, env } = await tempPlatform('bench-demo', { demo: true });
    let started: StartedPlatform | null = null;
    try {
      started = runStartScript(env);
      await started.ready;
      const line = started
        .output()
        .split('\n')
        .find((l) => l.startsWith('✔ demo'));
      const seconds = line ? seedSecondsOf(line) : null;
      if (seconds === null || !line?.includes('demo catalogue seeded'))
        throw new Error(`npm start printed no fresh demo seed line:\n${started.output()}`);
      return [
        {
          name: 'seed.demo.s',
          value: seconds,
          unit: 's',
          goal: 'report',
          note: 'npm start on empty data: six tracks composed, rendered, pinned, minted; listings, a sale, a distribution, the label',
        },
      ];
    } finally {
      if (started) {
        pressCtrlC(started);
        await started.exited;
      }
      await rm(dir, { recursive: true, force: true });
    }
  },
};
