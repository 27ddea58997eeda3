import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../lib/config/ports';
import { median, round, type BenchFigure, type BenchModule } from './figure';
import { platformEnv, startPlatform, type BenchPlatform } from './start-platform';

type Started = BenchPlatform & { appPort: number };

/** Runs `npm start`'s script as a new user would, on fresh ports, and times it to the "Motif is running" line. */
async function timeStart(dataDir: string, ports: { app: number; anvil: number; pg: number }): Promise<Started> {
  return { ...(await startPlatform(platformEnv(dataDir, ports))), appPort: ports.app };
}

export const platformBench: BenchModule = {
  async run(): Promise<BenchFigure[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'motif-bench-platform-'));
    await chmod(dir, 0o755);
    const ports = { app: await freePort(), anvil: await freePort(), pg: await freePort() };
    try {
      // Cold: no production build, no compiled contracts, empty data folder — what a fresh clone does after install.
      await rm('.next', { recursive: true, force: true });
      await rm('contracts/out', { recursive: true, force: true });
      const cold = await timeStart(path.join(dir, 'data'), ports);
      await cold.stop();
      const warm = await timeStart(path.join(dir, 'data'), ports);
      const samples: number[] = [];
      for (let i = 0; i < 25; i++) {
        const t = performance.now();
        const res = await fetch(`http://127.0.0.1:${warm.appPort}/api/health`);
        await res.json();
        if (i >= 5) samples.push(performance.now() - t); // the first calls warm the route
      }
      await warm.stop();
      const healthMs = median(samples);
      return [
        {
          name: 'start.cold.s',
          value: round(cold.readyMs / 1000, 1),
          unit: 's',
          goal: 'report (fresh clone: builds the app, compiles contracts)',
          note: 'npm start to "Motif is running", empty data folder, no .next, no contracts/out',
        },
        {
          name: 'start.warm.s',
          value: round(warm.readyMs / 1000, 1),
          unit: 's',
          goal: 'report (restart with data and build kept)',
          note: 'second npm start on the same data',
        },
        {
          name: 'health.roundtrip.ms',
          value: round(healthMs, 1),
          unit: 'ms',
          goal: 'report',
          note: `median of ${samples.length} GET /api/health (RPC + code checks, SQL + migration status, IPFS add + read back)`,
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
