/**
 * Speed under load (issue #19): the platform from `npm start` with 40 minted tracks (real signed folders pinned in its
 * IPFS repository, indexed with their metadata, half of them listed), then 50 keep-alive clients on loopback against
 * the /gallery page, a track page, the light /verify page, /api/health and the bare /api/ping route of the same app
 * in the same run. Each route gets 10 s, in 4 alternating rounds so that neither warm-up nor whatever else the
 * machine does favours one.
 * The figures are ratios to the bare route: they compare the app with itself on whatever machine runs the bench.
 */
import { rm } from 'node:fs/promises';
import { parseUnits } from 'viem';
import { z } from 'zod';
import { localChain } from '../lib/config/chains';
import { mintAndListFixtures, pinFixtureTracks } from '../test/support/fixture-catalogue';
import { pressCtrlC, runStartScript, tempPlatform } from '../test/support/start-process';
import { round, type BenchFigure, type BenchModule } from './figure';
import { percentile, runLoad, type LoadResult } from './http-load';

const TRACKS = 40;
const CLIENTS = 50;
const SECONDS_PER_ROUTE = 10;
const ROUNDS = 4;
const GENRES = ['Ambient', 'Jazz', 'Folk', 'Techno'];
const GALLERY_QUERIES = [
  '',
  'page=2',
  'genre=Jazz',
  'sort=title',
  'q=Load%20tune%201',
  'forSale=true',
  'sort=price-asc',
  'genre=Ambient&sort=oldest',
];

const ROUTES = ['ping', 'gallery_page', 'track_page', 'verify_page', 'health'] as const;
type Route = (typeof ROUTES)[number];
const galleryTotal = z.object({ total: z.number() });

type Measured = { latenciesMs: number[]; errors: number; errorSamples: string[]; rps: number };

/** The rounds of one route as one measurement: every latency, every error, requests over the time spent on it. */
function merge(parts: LoadResult[]): Measured {
  const latenciesMs = parts.flatMap((p) => p.latenciesMs).sort((a, b) => a - b);
  const seconds = parts.reduce((s, p) => s + (p.rps > 0 ? p.latenciesMs.length / p.rps : 0), 0);
  return {
    latenciesMs,
    errors: parts.reduce((s, p) => s + p.errors, 0),
    errorSamples: parts.flatMap((p) => p.errorSamples).slice(0, 3),
    rps: seconds > 0 ? latenciesMs.length / seconds : 0,
  };
}

const p95 = (m: Measured) => percentile(m.latenciesMs, 95);
const describe = (name: string, m: Measured) =>
  `${name} ${m.rps.toFixed(0)} req/s, p50 ${percentile(m.latenciesMs, 50).toFixed(1)} ms, p95 ${p95(m).toFixed(1)} ms (${m.latenciesMs.length} requests, ${m.errors} errors)`;

export const loadBench: BenchModule = {
  async run(): Promise<BenchFigure[]> {
    const { dir, env } = await tempPlatform('bench-load');
    let started: ReturnType<typeof runStartScript> | null = null;
    try {
      const fixtures = await pinFixtureTracks(
        env.MOTIF_DATA_DIR,
        Array.from({ length: TRACKS }, (_, i) => ({
          title: `Load tune ${i}`,
          description: 'A load bench track.',
          genre: GENRES[i % GENRES.length]!,
          seconds: 0.25 + i / 100, // a different recording each, so each folder is its own track
        })),
      );
      const platform = runStartScript(env);
      started = platform;
      await platform.ready;
      const decimals = localChain(`http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`).nativeCurrency.decimals;
      await mintAndListFixtures({
        dataDir: env.MOTIF_DATA_DIR,
        anvilPort: env.MOTIF_ANVIL_PORT,
        pinned: fixtures,
        prices: fixtures.map((_, i) => (i % 2 === 0 ? parseUnits(`0.${i + 1}`, decimals) : undefined)),
        listingSeconds: 30n * 86_400n,
      });

      const base = `http://127.0.0.1:${env.MOTIF_APP_PORT}`;
      // Indexed with metadata: every title in the gallery API.
      for (let i = 0; ; i++) {
        const forSale = galleryTotal.parse(await (await fetch(`${base}/api/gallery?forSale=true`)).json()).total;
        const titled = galleryTotal.parse(await (await fetch(`${base}/api/gallery?q=Load%20tune`)).json()).total;
        if (forSale === TRACKS / 2 && titled === TRACKS) break;
        if (i > 240)
          throw new Error(`the indexer never showed the ${TRACKS} tracks:\n${platform.output().slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 500));
      }

      let n = 0;
      const urls: Record<Route, () => string> = {
        ping: () => `${base}/api/ping`,
        gallery_page: () => `${base}/gallery?${GALLERY_QUERIES[n++ % GALLERY_QUERIES.length]}`,
        track_page: () => `${base}/tracks/${fixtures[n++ % fixtures.length]!.tokenId.toString()}`,
        // The lightest server-rendered page (a heading and a client form, no database): the floor any page pays.
        verify_page: () => `${base}/verify`,
        health: () => `${base}/api/health`,
      };
      for (const route of ROUTES) await runLoad({ url: urls[route], clients: 5, seconds: 1 }); // warm every route
      const parts: Record<Route, LoadResult[]> = {
        ping: [],
        gallery_page: [],
        track_page: [],
        verify_page: [],
        health: [],
      };
      for (let r = 0; r < ROUNDS; r++) {
        for (const route of ROUTES)
          parts[route].push(await runLoad({ url: urls[route], clients: CLIENTS, seconds: SECONDS_PER_ROUTE / ROUNDS }));
      }
      const ping = merge(parts.ping);
      const gallery = merge(parts.gallery_page);
      const track = merge(parts.track_page);
      const verify = merge(parts.verify_page);
      const health = merge(parts.health);
      const all = [ping, gallery, track, verify, health];
      const errors = all.reduce((s, m) => s + m.errors, 0);
      const setup = `${CLIENTS} keep-alive clients on 127.0.0.1, ${SECONDS_PER_ROUTE} s per route in ${ROUNDS} alternating rounds, ${TRACKS} indexed tracks`;
      return [
        {
          name: 'load.gallery_page.p95_ratio',
          value: round(p95(gallery) / p95(ping), 2),
          unit: 'x',
          goal: '<= 3',
          note: `${describe('/gallery', gallery)} vs ${describe('/api/ping', ping)}; ${GALLERY_QUERIES.length} distinct queries; ${setup}`,
        },
        {
          name: 'load.track_page.p95_ratio',
          value: round(p95(track) / p95(ping), 2),
          unit: 'x',
          goal: '<= 3',
          note: `${describe('/tracks/<id>', track)} vs ${describe('/api/ping', ping)}; ${TRACKS} distinct tracks; ${setup}`,
        },
        {
          name: 'load.health.rps_ratio',
          value: round(health.rps / ping.rps, 2),
          unit: 'x',
          goal: '>= 0.5',
          note: `${describe('/api/health', health)} vs ${describe('/api/ping', ping)}; live checks at most once a second; ${setup}`,
        },
        {
          name: 'load.verify_page.p95_ratio',
          value: round(p95(verify) / p95(ping), 2),
          unit: 'x',
          goal: 'report',
          note: `the lightest server-rendered page (no database): what any page costs in this app's layout; ${describe('/verify', verify)} vs ${describe('/api/ping', ping)}`,
        },
        {
          name: 'load.errors',
          value: errors,
          unit: 'requests',
          goal: '0',
          note:
            errors === 0
              ? `none in ${all.reduce((s, m) => s + m.latenciesMs.length, 0)} requests`
              : all
                  .flatMap((m) => m.errorSamples)
                  .slice(0, 3)
                  .join('; '),
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
