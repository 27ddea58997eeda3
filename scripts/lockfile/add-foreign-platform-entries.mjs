// The npm registry reachable here does not serve the macOS/Windows builds of native packages, so `npm install`
// leaves them out of package-lock.json and `npm ci` then refuses the lockfile ("Missing: @next/swc-darwin-arm64").
// This adds the entries a lockfile made elsewhere would hold, with their os/cpu so npm skips them on Linux.
// Run after `npm install` changes the lockfile: node scripts/lockfile/add-foreign-platform-entries.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORMS = {
  'darwin-arm64': { os: 'darwin', cpu: 'arm64' },
  'darwin-x64': { os: 'darwin', cpu: 'x64' },
  'win32-arm64-msvc': { os: 'win32', cpu: 'arm64' },
  'win32-x64-msvc': { os: 'win32', cpu: 'x64' },
  'win32-ia32-msvc': { os: 'win32', cpu: 'ia32' },
  'win32-x64': { os: 'win32', cpu: 'x64' },
  'linux-arm': { os: 'linux', cpu: 'arm' },
};

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = `node_modules/${name}`;
    if (lock.packages[at]) continue;
    const suffix = Object.keys(PLATFORMS).find((p) => name.endsWith(`-${p}`));
    if (!suffix) continue;
    const { os, cpu } = PLATFORMS[suffix];
    // Keys in the order npm writes them, so a later `npm install` leaves the lockfile unchanged.
    lock.packages[at] = { version, cpu: [cpu], license: 'MIT', optional: true, os: [os] };
    added++;
    console.log(`added ${at}@${version} (from ${key || 'root'})`);
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`${added} entries added`);
