/**
 * Zero 5xx for bad input (issue #19): the same property-based corpus as the e2e fuzz test (test/http/fuzz-corpus.ts,
 * same seed, at least 1,000 malformed requests per route) sent to a real `npm start` server with a signed-in session,
 * counting the answers that were a 5xx or no HTTP answer at all.
 */
import { rm } from 'node:fs/promises';
import { malformedRequests, sendAll } from '../test/http/fuzz-corpus';
import { fuzzAccount, pinFuzzFolder, signedInLabel } from '../test/http/fuzz-targets';
import { pressCtrlC, runStartScript, tempPlatform, type StartedPlatform } from '../test/support/start-process';
import type { BenchFigure, BenchModule } from './figure';

const RUNS = 1000;
const SEED = 19;

export const fuzzBench: BenchModule = {
  async run(): Promise<BenchFigure[]> {
    const { dir, env } = await tempPlatform('bench-fuzz');
    let started: StartedPlatform | null = null;
    try {
      const root = await pinFuzzFolder(env);
      started = runStartScript(env);
      await started.ready;
      const { cookie, labelId } = await signedInLabel(env);
      const routes = malformedRequests({ root, labelId, cookie, address: fuzzAccount.address, runs: RUNS, seed: SEED });
      let requests = 0;
      const failed: string[] = [];
      let fiveHundreds = 0;
      for (const [route, sent] of Object.entries(routes)) {
        const failures = await sendAll(Number(env.MOTIF_APP_PORT), sent);
        requests += sent.length;
        fiveHundreds += failures.length;
        if (failures.length)
          failed.push(
            `${route}: ${failures.length} (${failures[0]!.answer.status} ${failures[0]!.answer.body.slice(0, 80)})`,
          );
      }
      const setup = `${Object.keys(routes).length} routes, seed ${SEED}, against npm start with a signed-in session`;
      return [
        { name: 'api.fuzz.requests', value: requests, unit: 'requests', goal: `>= ${RUNS} per route`, note: setup },
        {
          name: 'api.fuzz.5xx',
          value: fiveHundreds,
          unit: 'answers',
          goal: '0',
          note: failed.length ? failed.slice(0, 3).join('; ') : `none of ${requests}`,
        },
      ];
    } finally {
      if (started && started.child.exitCode === null && started.child.signalCode === null) {
        pressCtrlC(started);
        await started.exited;
      }
      await rm(dir, { recursive: true, force: true });
    }
  },
};
