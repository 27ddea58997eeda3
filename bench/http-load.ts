/**
 * A bounded closed-loop HTTP load generator for the load bench: `clients` loops on keep-alive connections, each
 * sending its next GET when the previous answer has been read, for a fixed time. Loopback only, so a bench can
 * never be pointed at someone else's server.
 */
import http from 'node:http';
import { z } from 'zod';

const loopbackUrl = z.url().refine((u) => new URL(u).hostname === '127.0.0.1' && new URL(u).protocol === 'http:', {
  message: 'the load generator only targets http://127.0.0.1',
});

export type LoadOptions = {
  /** The next URL to request (called once per request; each must be http://127.0.0.1:…). */
  url: () => string;
  clients: number;
  seconds: number;
};

export type LoadResult = {
  /** Latency of every answered request, ascending, in ms (errors included: they took that long too). */
  latenciesMs: number[];
  /** Answers outside 2xx, and requests that failed without an answer. */
  errors: number;
  /** The first few error descriptions, for the bench's note. */
  errorSamples: string[];
  /** Requests completed per second of wall-clock time. */
  rps: number;
};

function get(agent: http.Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.on('data', () => {});
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
    req.once('error', reject);
  });
}

/** Runs the load and measures it; never throws for a failed request (it is counted in `errors`). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  z.object({ clients: z.int().min(1).max(1_000), seconds: z.number().positive().max(600) }).parse(options);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + options.seconds * 1000;
  const fail = (what: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(what);
  };
  try {
    await Promise.all(
      Array.from({ length: options.clients }, async () => {
        while (performance.now() < until) {
          const url = loopbackUrl.parse(options.url());
          const t = performance.now();
          try {
            const status = await get(agent, url);
            if (status < 200 || status > 299) fail(`${status} from ${url}`);
          } catch (error) {
            fail(`${error instanceof Error ? error.message : String(error)} (${url})`);
          }
          latencies.push(performance.now() - t);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const elapsedS = (performance.now() - started) / 1000;
  return { latenciesMs: latencies.sort((a, b) => a - b), errors, errorSamples, rps: latencies.length / elapsedS };
}

/** The value below which `p` percent of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
