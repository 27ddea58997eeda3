/**
 * The worker side of createWorkerReplay (replay-worker.ts): runs the Node replay (replay-node.ts) in its own thread
 * and answers each `{ id, manifest }` with `{ id, digest }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { z } from 'zod';
import { parseAnyManifest } from './manifest';
import { createNodeReplay } from './replay-node';

const request = z.object({ id: z.number().int(), manifest: z.unknown() });
const replay = createNodeReplay();
const port = parentPort;
if (!port) throw new Error('replay-worker-thread runs only as a worker thread');

port.postMessage({ ready: true }); // modules loaded; weights load on the first replay

port.on('message', (message: unknown) => {
  const { id, manifest } = request.parse(message);
  Promise.resolve()
    .then(() => replay(parseAnyManifest(manifest)))
    .then(
      (digest) => port.postMessage({ id, digest }),
      (error: unknown) => port.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
    );
});
