/**
 * Node-only: loads a checkpoint folder into Magenta's real `MusicRNN` (node build, tfjs cpu backend).
 * Magenta's Node build fetches `config.json` and the weights over HTTP (node-fetch; no file:// support), so the folder
 * is served from a throw-away static server on 127.0.0.1:0 for the duration of `initialize()`.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

const require = createRequire(import.meta.url);

export type MusicRnnInstance = {
  initialize(): Promise<void>;
  isInitialized(): boolean;
  dispose(): void;
  continueSequence(seq: unknown, steps: number, temperature?: number, chords?: string[]): Promise<unknown>;
};
type MusicRnnCtor = new (url: string) => MusicRnnInstance;
type TfLike = { setBackend(name: string): Promise<boolean>; getBackend(): string; ready(): Promise<void> };

export function magentaNode(): { MusicRNN: MusicRnnCtor; tf: TfLike } {
  const mod = require('@magenta/music/node/music_rnn') as { MusicRNN: MusicRnnCtor };
  const tf = require('@tensorflow/tfjs') as TfLike;
  return { MusicRNN: mod.MusicRNN, tf };
}

/** Serves `root` read-only on 127.0.0.1 (random port) until `close()`. */
export async function serveFolder(root: string): Promise<{ url: string; close(): Promise<void>; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')).replace(/^(\.\.[/\\])+/, '');
    readFile(join(root, path))
      .then((body) => {
        res.writeHead(200, {
          'content-type': path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(404);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Loads `folder` (a MusicRNN checkpoint) with tfjs' cpu backend. */
export async function loadMusicRnnFromFolder(folder: string): Promise<MusicRnnInstance> {
  const { MusicRNN, tf } = magentaNode();
  await tf.setBackend('cpu');
  await tf.ready();
  const srv = await serveFolder(folder);
  try {
    const model = new MusicRNN(srv.url);
    await model.initialize();
    return model;
  } finally {
    await srv.close();
  }
}
