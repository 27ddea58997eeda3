/**
 * createWorkerReplay (lib/provenance/replay-worker.ts) replays in a worker thread exactly what the Node replay gives
 * in-thread. Run in a child `node --import tsx` (as the verify CLI runs), since vitest's own loader does not reach
 * worker threads.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const script = `
  import { readFileSync } from 'node:fs';
  import { createWorkerReplay } from ${JSON.stringify(path.resolve('lib/provenance/replay-worker.ts'))};
  import { createNodeReplay } from ${JSON.stringify(path.resolve('lib/provenance/replay-node.ts'))};
  const vectors = JSON.parse(readFileSync('docs/provenance/vectors/manifest-digest.json', 'utf8'));
  const manifest = vectors.cases.find((c) => c.name.startsWith('manifest version 2')).input.manifest;
  const other = { ...manifest, generation: { ...manifest.generation, seed: manifest.generation.seed + 1 } };
  const worker = createWorkerReplay();
  await worker.prepare();
  const inThread = createNodeReplay();
  const [a, b] = await Promise.all([worker(manifest), worker(other)]);
  const unknown = await worker({ ...manifest, generation: { ...manifest.generation, sampler: { ...manifest.generation.sampler, version: 99 } } }).then(() => 'replayed', (e) => e.name + ': ' + e.message);
  console.log(JSON.stringify({ recorded: manifest.notes.generatedDigest, worker: a, workerOther: b, inThread: await inThread(manifest), inThreadOther: await inThread(other), unknown }));
  await worker.dispose();
  inThread.dispose();
`;

describe('createWorkerReplay', () => {
  it('replays in a worker thread what the in-thread replay gives, and reports its refusals', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: process.cwd(), maxBuffer: 1 << 20 },
    );
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, string>;
    expect(out.worker).toBe(out.recorded);
    expect(out.inThread).toBe(out.recorded);
    expect(out.workerOther).toBe(out.inThreadOther);
    expect(out.workerOther).not.toBe(out.recorded);
    expect(out.unknown).toMatch(/^ReplayError: .*motif\.sfc32-categorical/);
  });
});
