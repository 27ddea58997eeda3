/**
 * `node scripts/run-bundled.mjs <entry.ts> [args…]`: runs a TypeScript entry (`npm start` runs scripts/start.ts) as one
 * esbuild bundle of the repository's own modules, every package left to Node's own resolution.
 *
 * Why not `node --import tsx` as the other scripts: tsx's loader hooks run on a separate thread for every module Node
 * resolves, and the platform resolves thousands (viem, Helia, Prisma). Importing lib/platform took 8 s of CPU before
 * anything started (14-17 s on a loaded 2-core machine), and every end-to-end test file pays it on its platform start;
 * the bundle loads in about 3 s. It is rebuilt (in about a second) when any of its source files changed, and each
 * module's `import.meta.url` stays its source file's, so paths built from it (the Prisma engine, the contracts, the
 * replay worker) are the same as under tsx.
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-bundled.mjs <entry.ts> [args…]');
  process.exit(2);
}
// The entry reads its own arguments from process.argv.slice(2), as it would when run directly.
process.argv.splice(2, 1);

// Under node_modules/.cache (ignored by every tool; cleared by `npm ci`); packages resolve from the root's node_modules.
const cacheDir = path.join(root, 'node_modules', '.cache', 'motif-bundles', entry.replace(/[^\w.-]+/g, '_'));
const bundlePath = path.join(cacheDir, 'bundle.mjs');
const inputsPath = path.join(cacheDir, 'inputs.json');

/** The size and modification time of each source file the bundle was made from, to tell when to rebuild. */
function fingerprint(files) {
  return files.map((file) => {
    try {
      const s = statSync(path.join(root, file));
      return [file, s.size, s.mtimeMs];
    } catch {
      return [file, -1, -1];
    }
  });
}

function upToDate() {
  try {
    const recorded = JSON.parse(readFileSync(inputsPath, 'utf8'));
    const files = recorded.map(([file]) => file);
    return JSON.stringify(fingerprint(files)) === JSON.stringify(recorded);
  } catch {
    return false;
  }
}

/** Keeps `import.meta.url`, `import.meta.dirname` and `import.meta.filename` pointing at each module's source file. */
const sourcePaths = {
  name: 'source-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.(m?[jt]sx?)$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      const ext = path.extname(args.path).replace('.m', '.').slice(1);
      return { contents: text, loader: ext === 'tsx' ? 'tsx' : ext === 'ts' ? 'ts' : 'js' };
    });
  },
};

if (!upToDate()) {
  mkdirSync(cacheDir, { recursive: true });
  // Written beside the final names and renamed, so two processes starting at once never read half a bundle.
  const tmp = `${bundlePath}.${process.pid}.tmp.mjs`;
  const result = await build({
    entryPoints: [path.join(root, entry)],
    absWorkingDir: root,
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    metafile: true,
    logLevel: 'warning',
    plugins: [sourcePaths],
  });
  renameSync(tmp, bundlePath);
  writeFileSync(`${inputsPath}.${process.pid}.tmp`, JSON.stringify(fingerprint(Object.keys(result.metafile.inputs))));
  renameSync(`${inputsPath}.${process.pid}.tmp`, inputsPath);
}

// Stack traces name the TypeScript sources (the bundle carries an inline source map).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundlePath).href);
