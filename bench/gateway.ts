/**
 * The gateway's read path with every block checked against its CID (issue #14): the same pinned bytes read through
 * the UnixFS exporter over the pack store with and without the VerifyingBlockstore, and served by gatewayResponse
 * (a 5 MiB file, sent from one checked read, and a 50 MiB file, checked once and then streamed by a second read).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exporter } from 'ipfs-unixfs-exporter';
import type { Blockstore } from 'interface-blockstore';
import type { CID } from 'multiformats/cid';
import { IntegrityLog } from '../lib/ipfs/block-integrity';
import { gatewayResponse } from '../lib/ipfs/gateway';
import { HeliaStorage } from '../lib/ipfs/helia-storage';
import { PackBlockstore } from '../lib/ipfs/pack-blockstore';
import { VerifyingBlockstore } from '../lib/ipfs/verifying-blockstore';
import { median, round, type BenchFigure, type BenchModule } from './figure';

const MIB = 2 ** 20;
const RUNS = 7;

async function timeMs(run: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

async function drain(chunks: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const chunk of chunks) n += chunk.byteLength;
  return n;
}

export const gatewayBench: BenchModule = {
  async run(): Promise<BenchFigure[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'motif-bench-gateway-'));
    const storage = await HeliaStorage.open(path.join(dir, 'repo'));
    const packs = new PackBlockstore(path.join(dir, 'repo', 'packs'));
    try {
      const big = new Uint8Array(randomBytes(50 * MIB));
      const small = new Uint8Array(randomBytes(5 * MIB));
      const bigCid = await storage.addBytes(big);
      const smallCid = await storage.addBytes(small);

      // Same blocks, same exporter: the only difference is the SHA-256 of each block before it is handed out.
      const read = (store: Pick<Blockstore, 'get'>, cid: CID) => async () => {
        const entry = await exporter(cid, store);
        if (entry.type !== 'file') throw new Error('expected a file');
        if ((await drain(entry.content())) !== big.byteLength) throw new Error('short read');
      };
      const verifying = new VerifyingBlockstore(packs, new IntegrityLog());
      const plainMs: number[] = [];
      const checkedMs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Alternate which goes first, so neither always meets the page cache cold.
        if (i % 2 === 0) {
          plainMs.push(await timeMs(read(packs, bigCid)));
          checkedMs.push(await timeMs(read(verifying, bigCid)));
        } else {
          checkedMs.push(await timeMs(read(verifying, bigCid)));
          plainMs.push(await timeMs(read(packs, bigCid)));
        }
      }

      const serve = (cid: CID, size: number) => async () => {
        const res = await gatewayResponse(storage, { method: 'GET', headers: new Headers() }, cid.toString(), []);
        if (res.status !== 200 || (await res.arrayBuffer()).byteLength !== size)
          throw new Error(`gateway answered ${res.status}`);
      };
      // The body path before issue #14: the file streamed as it is read, status sent before the first block.
      const streamed = (cid: CID, size: number) => async () => {
        const chunks = storage.cat(cid)[Symbol.asyncIterator]();
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            const { value, done } = await chunks.next();
            if (done) controller.close();
            else controller.enqueue(value);
          },
        });
        const res = new Response(body, { status: 200 });
        if ((await res.arrayBuffer()).byteLength !== size) throw new Error('short stream');
      };
      const smallMs: number[] = [];
      const bigMs: number[] = [];
      const smallStreamMs: number[] = [];
      const bigStreamMs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        smallMs.push(await timeMs(serve(smallCid, small.byteLength)));
        smallStreamMs.push(await timeMs(streamed(smallCid, small.byteLength)));
        bigMs.push(await timeMs(serve(bigCid, big.byteLength)));
        bigStreamMs.push(await timeMs(streamed(bigCid, big.byteLength)));
      }

      const plain = 50 / (median(plainMs) / 1000);
      const checked = 50 / (median(checkedMs) / 1000);
      // The build machines are shared: say how busy this one was, since every figure here is wall-clock time.
      const load = `1-min load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores at the end`;
      const list = (ms: number[]) => `${ms.map((m) => m.toFixed(0)).join(', ')}; ${load}`;
      return [
        {
          name: 'ipfs.read.unverified.mibps',
          value: round(plain, 1),
          unit: 'MiB/s',
          goal: 'report',
          note: `50 MiB file read with ipfs-unixfs-exporter straight from the pack store, no hashing; median of ${RUNS} (ms: ${list(plainMs)})`,
        },
        {
          name: 'ipfs.read.verified.mibps',
          value: round(checked, 1),
          unit: 'MiB/s',
          goal: 'report',
          note: `the same reads through VerifyingBlockstore (SHA-256 of every 256 KiB block before its bytes are handed out); median of ${RUNS} (ms: ${list(checkedMs)})`,
        },
        {
          name: 'ipfs.read.verified_ratio',
          value: round(checked / plain, 2),
          unit: 'x',
          goal: '>= 0.5',
          note: 'verified over unverified read throughput',
        },
        {
          name: 'gateway.file5mib.mibps',
          value: round(5 / (median(smallMs) / 1000), 1),
          unit: 'MiB/s',
          goal: 'report',
          note: `GET of a 5 MiB file through gatewayResponse (one checked read, sent from memory), body consumed; median of ${RUNS} (ms: ${list(smallMs)})`,
        },
        {
          name: 'gateway.file5mib.vs_stream',
          value: round(median(smallStreamMs) / median(smallMs), 2),
          unit: 'x',
          goal: '>= 0.5',
          note: `throughput of the checked-before-sent answer over a plain stream of the same file (storage.cat in a Response, as the gateway answered before; ms: ${list(smallStreamMs)})`,
        },
        {
          name: 'gateway.file50mib.vs_stream',
          value: round(median(bigStreamMs) / median(bigMs), 2),
          unit: 'x',
          goal: '>= 0.4',
          note: `the same for 50 MiB, which is read twice (ms: ${list(bigStreamMs)})`,
        },
        {
          name: 'gateway.file50mib.mibps',
          value: round(50 / (median(bigMs) / 1000), 1),
          unit: 'MiB/s',
          goal: 'report',
          note: `GET of a 50 MiB file through gatewayResponse (checked once, then streamed by a second checked read), body consumed; median of ${RUNS} (ms: ${list(bigMs)})`,
        },
      ];
    } finally {
      await packs.close();
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
