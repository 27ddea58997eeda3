import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 20-byte hex address') as z.ZodType<`0x${string}`>;
const hash32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 32-byte hex hash') as z.ZodType<`0x${string}`>;

export const deployedContractSchema = z.object({
  address,
  txHash: hash32,
  blockNumber: z.number().int().nonnegative(),
});

export const deploymentSchema = z.object({
  chainId: z.number().int().positive(),
  contracts: z.object({
    TrackCollection: deployedContractSchema,
    SplitMain: deployedContractSchema,
    Market: deployedContractSchema,
    /** One ERC-721 for every creator's editions (issue #17). */
    Editions: deployedContractSchema,
  }),
  /**
   * The ERC-20 stablecoin the Market allows besides the native currency (issue #20): on the local chain the deployed
   * MotifTestUSD test token (`testToken: true`), elsewhere the chain's configured stablecoin; absent when none.
   */
  stablecoin: z
    .object({
      address,
      symbol: z.string().min(1),
      decimals: z.number().int().min(0).max(36),
      testToken: z.boolean(),
    })
    .optional(),
  /** ISO 8601 time of the deployment. */
  deployedAt: z.string().datetime(),
  /** solc version, e.g. `0.8.30+commit.73712a01.Emscripten.clang`. */
  compilerVersion: z.string().min(1),
  /** `sourcesHash` of the compile the bytecode came from (see lib/contracts/compile.ts). */
  sourcesHash: hash32,
});

export type DeployedContract = z.infer<typeof deployedContractSchema>;
export type Deployment = z.infer<typeof deploymentSchema>;

/** Reads and validates a deployment file; throws on a missing file or a malformed one. */
export function readDeployment(filePath: string): Deployment {
  return deploymentSchema.parse(JSON.parse(readFileSync(filePath, 'utf8')));
}

/** Validates and writes a deployment file (creating its folder). */
export function writeDeployment(filePath: string, deployment: Deployment): void {
  const valid = deploymentSchema.parse(deployment);
  mkdirSync(path.dirname(filePath), { recursive: true });
  writeFileSync(filePath, `${JSON.stringify(valid, null, 2)}\n`);
}
