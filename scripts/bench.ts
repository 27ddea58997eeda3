/**
 * `npm run bench [-- <module> ...]`: runs the benchmark modules in bench/ and writes bench/results.json
 * (`{ name: { value, unit, goal } }`) and BENCHMARKS.md (each figure beside its goal). Modules not named keep
 * their previous figures. Timings are measured here, on this machine; tests never assert them.
 */
import '../lib/config/polyfills';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { BenchFigure, BenchModule } from '../bench/figure';

/** Each module: its section title in BENCHMARKS.md (also for a module a run did not import), its file and export. */
const MODULES: Record<
  string,
  { title: string; file: string; exportName: string; markdownExport?: string; onlyWhenNamed?: boolean }
> = {
  platform: { title: 'Platform start and health', file: '../bench/platform.ts', exportName: 'platformBench' },
  gas: { title: 'Contract gas (anvil, receipt gasUsed)', file: '../bench/gas.ts', exportName: 'gasBench' },
  models: {
    title: 'Generation models (MusicRNN melody / chord-conditioned)',
    file: '../bench/models.ts',
    exportName: 'modelsBench',
    markdownExport: 'modelsTable',
  },
  'model-samples': {
    title: 'Form and harmony of 100 seeded 16-bar studio pieces (studio defaults, no snapping)',
    file: '../bench/model-samples.ts',
    exportName: 'modelSamplesBench',
  },
  gallery: { title: 'Indexer and gallery (10,000 tracks)', file: '../bench/gallery.ts', exportName: 'galleryBench' },
  provenance: { title: 'IPFS and verification', file: '../bench/provenance.ts', exportName: 'provenanceBench' },
  c2pa: { title: 'C2PA in published audio', file: '../bench/c2pa.ts', exportName: 'c2paBench' },
  gateway: {
    title: 'IPFS gateway (blocks verified against their CIDs)',
    file: '../bench/gateway.ts',
    exportName: 'gatewayBench',
  },
  studio: {
    title: 'Studio: generation, render and first load in headless Chromium',
    file: '../bench/studio.ts',
    exportName: 'studioBench',
  },
  home: { title: 'Home and track pages (headless Chromium)', file: '../bench/home.ts', exportName: 'homeBench' },
  'studio-sf': {
    title: 'SoundFont render (headless Chromium worker)',
    file: '../bench/studio-sf.ts',
    exportName: 'studioSfBench',
  },
  load: { title: 'Speed under load (50 clients, loopback)', file: '../bench/load.ts', exportName: 'loadBench' },
  watermark: { title: 'Audio watermark (motif-ss-wm/1)', file: '../bench/watermark.ts', exportName: 'watermarkBench' },
  fuzz: { title: 'Zero 5xx for bad input', file: '../bench/fuzz.ts', exportName: 'fuzzBench' },
  demo: { title: 'Demo content on a fresh install', file: '../bench/demo.ts', exportName: 'demoBench' },
  // Runs the whole of .ci/run from a clean checkout (about 20 minutes, twice with MOTIF_BENCH_CI_BURN=1): only when named.
  ci: {
    title: 'CI wall time (.ci/run from a clean checkout)',
    file: '../bench/ci.ts',
    exportName: 'ciBench',
    onlyWhenNamed: true,
  },
};

type Stored = Record<
  string,
  { value: number; unit: string; goal: string; note?: string; module: string; measuredAt: string }
>;

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const resultsPath = 'bench/results.json';
const previous: Stored = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as Stored) : {};
const results: Stored = { ...previous };
const ran = new Set<string>();
const extras: Record<string, string> = {};
let failures = 0;

for (const [key, { title, file, exportName, markdownExport, onlyWhenNamed }] of Object.entries(MODULES)) {
  if (wanted.length > 0 ? !wanted.includes(key) : onlyWhenNamed) continue;
  if (!existsSync(new URL(file, import.meta.url))) continue;
  const mod = (await import(file)) as Record<string, BenchModule & { markdown?: () => Promise<string> }>;
  const bench = mod[exportName];
  if (!bench) continue;
  ran.add(key);
  console.log(`▶ ${title}`);
  try {
    const figures: BenchFigure[] = await bench.run();
    const measured = new Set(figures.map((f) => f.name));
    const kept = (name: string) => (bench.optionalFigures ?? []).includes(name) && !measured.has(name);
    for (const name of Object.keys(results)) if (results[name]?.module === key && !kept(name)) delete results[name];
    for (const f of figures) {
      results[f.name] = {
        value: f.value,
        unit: f.unit,
        goal: f.goal,
        ...(f.note ? { note: f.note } : {}),
        module: key,
        measuredAt: new Date().toISOString(),
      };
      console.log(`  ${f.name} = ${f.value} ${f.unit}  (goal ${f.goal})`);
    }
    const markdown = markdownExport ? (mod as Record<string, unknown>)[markdownExport] : undefined;
    if (typeof markdown === 'function') extras[key] = await (markdown as () => Promise<string>)();
  } catch (error) {
    failures++;
    console.error(`  ✘ ${title} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

// Another bench may have written the file while this one ran (a CI bench takes an hour): keep its figures, replace
// only those of the modules that ran here.
const latest: Stored = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as Stored) : {};
for (const [name, figure] of Object.entries(latest)) if (!ran.has(figure.module)) results[name] = figure;
writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');

const byModule = new Map<string, [string, Stored[string]][]>();
for (const entry of Object.entries(results)) {
  const list = byModule.get(entry[1].module) ?? [];
  list.push(entry);
  byModule.set(entry[1].module, list);
}
const lines = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (scripts/bench.ts); the same figures are in `bench/results.json`. Every figure was',
  `measured on this project's machines (${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}); none is an estimate.`,
  '',
];
for (const [key, entries] of byModule) {
  lines.push(
    `## ${MODULES[key]?.title ?? key}`,
    '',
    '| figure | value | goal | measured | note |',
    '| --- | --- | --- | --- | --- |',
  );
  const cell = (text: string) => text.split('\n')[0]!.replaceAll('|', '\\|');
  for (const [name, r] of entries)
    lines.push(
      `| \`${name}\` | ${r.value} ${r.unit} | ${cell(r.goal)} | ${r.measuredAt.slice(0, 10)} | ${cell(r.note ?? '')} |`,
    );
  lines.push('');
  const extra = extras[key] ?? (existsSync(`bench/${key}.md`) ? readFileSync(`bench/${key}.md`, 'utf8') : '');
  if (extras[key]) writeFileSync(`bench/${key}.md`, extras[key]);
  if (extra) lines.push(extra.trim(), '');
}
writeFileSync('BENCHMARKS.md', lines.join('\n'));
console.log(`Wrote ${resultsPath} and BENCHMARKS.md${failures ? ` (${failures} module(s) failed)` : ''}`);
process.exit(failures > 0 ? 1 : 0);
