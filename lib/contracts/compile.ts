import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import type { Abi, Hex } from 'viem';
import { z } from 'zod';
import { APP_CONTRACTS } from './app-contracts';

/** Repository root (this file lives in lib/contracts/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CONTRACTS_DIR = path.join(REPO_ROOT, 'contracts');
export const OUT_DIR = path.join(CONTRACTS_DIR, 'out');

export { APP_CONTRACTS };
/** Gas references (contracts/reference/: naive OpenZeppelin, and Solady as the best plain peer), compiled in the same run for the bench only. */
export const REFERENCE_CONTRACTS = [
  'NaiveTrack',
  'NaiveSplitFactory',
  'NaiveSplit',
  'NaiveMarket',
  'SoladyTrack',
] as const;
export type AppContractName = (typeof APP_CONTRACTS)[number];
export type ContractName = AppContractName | (typeof REFERENCE_CONTRACTS)[number];

/**
 * foundry.toml's default profile is the one source of compiler settings: forge (contracts/test) and this solc-js
 * build compile with the same optimizer, EVM version and remappings.
 */
const foundryProfileSchema = z.object({
  profile: z.object({
    default: z.object({
      optimizer: z.boolean(),
      optimizer_runs: z.number().int().positive(),
      evm_version: z.string().min(1),
      via_ir: z.boolean().default(false),
      remappings: z.array(z.string()),
    }),
  }),
});
const FOUNDRY = foundryProfileSchema.parse(parseToml(readFileSync(path.join(REPO_ROOT, 'foundry.toml'), 'utf8')))
  .profile.default;

/** Compiler settings from foundry.toml (recorded in the cache key, in this key order). */
export const SOLC_SETTINGS = {
  optimizer: { enabled: FOUNDRY.optimizer, runs: FOUNDRY.optimizer_runs },
  evmVersion: FOUNDRY.evm_version,
  viaIR: FOUNDRY.via_ir,
};
export const SOLC_REMAPPINGS: readonly string[] = FOUNDRY.remappings;

export type Artifact = {
  contractName: string;
  sourceName: string;
  abi: Abi;
  bytecode: Hex;
  deployedBytecode: Hex;
};

export type CompileResult = {
  /** sha256 over every compiled .sol source (path + content), solc version and settings. */
  sourcesHash: Hex;
  compilerVersion: string;
  /** True when the artifacts on disk were already up to date and nothing was compiled. */
  cached: boolean;
  artifacts: Record<ContractName, Artifact>;
};

type Manifest = { sourcesHash: string; compilerVersion: string };

type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<
    string,
    Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >;
};

type Solc = {
  version(): string;
  compile(input: string, callbacks: { import: (p: string) => { contents: string } | { error: string } }): string;
};

const require = createRequire(import.meta.url);

function loadSolc(): Solc {
  return require('solc') as Solc;
}

/** Solidity sources the app and bench need: everything under contracts/ except tests (forge compiles those). */
export function listSources(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (['test', 'out', 'cache'].includes(entry.name) && dir === CONTRACTS_DIR) continue;
        walk(full);
      } else if (entry.name.endsWith('.sol')) {
        files.push(path.relative(REPO_ROOT, full).split(path.sep).join('/'));
      }
    }
  };
  walk(CONTRACTS_DIR);
  return files;
}

/** Hash keying the compile cache. */
export function computeSourcesHash(sources: string[], compilerVersion: string): Hex {
  const h = createHash('sha256');
  h.update(`solc ${compilerVersion}\n${JSON.stringify(SOLC_SETTINGS)}\n`);
  for (const file of sources) {
    h.update(`${file}\n`);
    h.update(readFileSync(path.join(REPO_ROOT, file)));
    h.update('\n');
  }
  return `0x${h.digest('hex')}`;
}

function findImport(importPath: string): { contents: string } | { error: string } {
  for (const candidate of [path.join(REPO_ROOT, importPath), path.join(REPO_ROOT, 'node_modules', importPath)]) {
    if (existsSync(candidate)) return { contents: readFileSync(candidate, 'utf8') };
  }
  return { error: `File not found: ${importPath}` };
}

/** Write-then-rename, so that parallel readers (tests in other workers) never see a half-written file. */
function writeFileAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

function readArtifacts(): Record<ContractName, Artifact> {
  const out = {} as Record<ContractName, Artifact>;
  for (const name of [...APP_CONTRACTS, ...REFERENCE_CONTRACTS]) {
    out[name] = JSON.parse(readFileSync(path.join(OUT_DIR, `${name}.json`), 'utf8')) as Artifact;
  }
  return out;
}

function cacheIsFresh(sourcesHash: string): boolean {
  const manifestPath = path.join(OUT_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) return false;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  if (manifest.sourcesHash !== sourcesHash) return false;
  return [...APP_CONTRACTS, ...REFERENCE_CONTRACTS].every((n) => existsSync(path.join(OUT_DIR, `${n}.json`)));
}

/**
 * Compiles contracts/ with solc-js when the sources (or compiler/settings) changed and writes the
 * contracts/out/<Name>.json artifacts; `force` recompiles regardless. The typed ABIs are generated from these
 * artifacts by @wagmi/cli (generateAbis in generate-abis.ts; `npm run contracts:compile` does both).
 */
export async function compileContracts(opts: { force?: boolean } = {}): Promise<CompileResult> {
  const solc = loadSolc();
  const compilerVersion = solc.version();
  const sources = listSources();
  const sourcesHash = computeSourcesHash(sources, compilerVersion);
  if (!opts.force && cacheIsFresh(sourcesHash)) {
    return { sourcesHash, compilerVersion, cached: true, artifacts: readArtifacts() };
  }

  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(
      sources.map((file) => [file, { content: readFileSync(path.join(REPO_ROOT, file), 'utf8') }]),
    ),
    settings: {
      ...SOLC_SETTINGS,
      remappings: [...SOLC_REMAPPINGS],
      outputSelection: Object.fromEntries(
        sources.map((file) => [file, { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] }]),
      ),
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport })) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  }

  const artifacts = {} as Record<ContractName, Artifact>;
  mkdirSync(OUT_DIR, { recursive: true });
  for (const name of [...APP_CONTRACTS, ...REFERENCE_CONTRACTS]) {
    const sourceName = Object.keys(output.contracts ?? {}).find((s) => output.contracts?.[s]?.[name]);
    const compiled = sourceName ? output.contracts?.[sourceName]?.[name] : undefined;
    if (!sourceName || !compiled) throw new Error(`solc output lacks contract ${name}`);
    const artifact: Artifact = {
      contractName: name,
      sourceName,
      abi: compiled.abi,
      bytecode: `0x${compiled.evm.bytecode.object}`,
      deployedBytecode: `0x${compiled.evm.deployedBytecode.object}`,
    };
    artifacts[name] = artifact;
    writeFileAtomic(path.join(OUT_DIR, `${name}.json`), `${JSON.stringify(artifact, null, 2)}\n`);
  }
  const manifest: Manifest = { sourcesHash, compilerVersion };
  writeFileAtomic(path.join(OUT_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { sourcesHash, compilerVersion, cached: false, artifacts };
}

/** Artifact of one contract, compiling first when contracts/out is missing or stale. */
export async function loadArtifact(name: ContractName): Promise<Artifact> {
  const { artifacts } = await compileContracts();
  return artifacts[name];
}
