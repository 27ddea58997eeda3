/**
 * Zero 5xx for bad input (issue #19): property-based malformed requests (fast-check), at least 1,000 per route, sent
 * to the real `npm start` server with a signed-in session so that bad bodies reach the routes' own checks. Every
 * answer must be a 4xx (or, for a few reads, a 2xx/3xx), never a 5xx, and no row may change in PostgreSQL.
 */
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { malformedRequests, sendAll, type Answer, type Sent } from '../http/fuzz-corpus';
import { fuzzAccount as account, pinFuzzFolder, signedInLabel } from '../http/fuzz-targets';
import {
  pressCtrlC,
  runStartScript,
  tempPlatform,
  type PlatformEnv,
  type StartedPlatform,
} from '../support/start-process';

const RUNS = 1000;
const SEED = 19;

let dir: string;
let env: PlatformEnv;
let started: StartedPlatform;
let sql: pg.Client;
let cookie: string;
let labelId: string;
let root: string;

/** Every table's rows, digested (the nonce table is left out: handing out nonces is that route's job). */
async function snapshot(): Promise<Record<string, string>> {
  const tables = (
    await sql.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('AuthNonce', '_prisma_migrations', 'RateLimitHit') ORDER BY 1`,
    )
  ).rows;
  const out: Record<string, string> = {};
  for (const { name } of tables)
    out[name] =
      (
        await sql.query<{ d: string | null }>(
          `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS d FROM "${name}" t`,
        )
      ).rows[0]!.d ?? '';
  return out;
}

beforeAll(async () => {
  ({ dir, env } = await tempPlatform('fuzz'));
  root = await pinFuzzFolder(env);
  started = runStartScript(env);
  await started.ready;
  sql = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${env.MOTIF_PG_PORT}/motif` });
  await sql.connect();
  ({ cookie, labelId } = await signedInLabel(env));
});

afterAll(async () => {
  await sql?.end();
  if (started) {
    pressCtrlC(started);
    await started.exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('zero 5xx for bad input', () => {
  it(`${RUNS} malformed requests per route: never a 5xx, and no row changes`, async () => {
    const before = await snapshot();
    const routes = malformedRequests({ root, labelId, cookie, address: account.address, runs: RUNS, seed: SEED });
    const total = Object.values(routes).reduce((n, r) => n + r.length, 0);
    expect(Math.min(...Object.values(routes).map((r) => r.length))).toBeGreaterThanOrEqual(RUNS);
    const report: Record<string, { request: Sent; answer: Answer }[]> = {};
    for (const [route, requests] of Object.entries(routes)) {
      const failures = await sendAll(Number(env.MOTIF_APP_PORT), requests);
      if (failures.length) report[route] = failures.slice(0, 3);
    }
    expect(report).toEqual({});
    expect(await snapshot()).toEqual(before);
    expect(total).toBeGreaterThanOrEqual(RUNS * 16);
  });
});
