import { createHash } from 'node:crypto';
import { CID } from 'multiformats/cid';
import { ContentNotFoundError } from './storage';
import { BaseError } from '../errors/base';

const SHA2_256 = 0x12;
const IDENTITY = 0x00;

/**
 * A stored block whose bytes do not hash to its CID (bit rot, a damaged disk, someone editing the store): its bytes
 * are never served. The gateway answers 502 naming the CID, and /api/health turns the ipfs component red.
 */
export class BlockIntegrityError extends BaseError {
  override name = 'BlockIntegrityError';
  constructor(
    readonly cid: string,
    readonly reason: string,
  ) {
    super(`The stored block ${cid} does not match its CID (${reason}); it was not served`);
  }
}

/** A block that failed its check, as the health report names it. */
export type IntegrityFailure = { cid: string; reason: string; at: string; count: number };

/**
 * The blocks that failed their check in this process, kept so health can name them until a re-read shows them
 * whole again (content re-pinned or restored from a backup).
 */
export class IntegrityLog {
  private readonly failures = new Map<string, IntegrityFailure>();

  record(error: BlockIntegrityError): void {
    const previous = this.failures.get(error.cid);
    this.failures.set(error.cid, {
      cid: error.cid,
      reason: error.reason,
      at: new Date().toISOString(),
      count: (previous?.count ?? 0) + 1,
    });
  }

  clear(cid: string): void {
    this.failures.delete(cid);
  }

  list(): IntegrityFailure[] {
    return [...this.failures.values()];
  }
}

/**
 * Throws BlockIntegrityError unless `bytes` hash to `cid`'s multihash. Only sha2-256 is stored here
 * (UNIXFS_SETTINGS); a CID with another hash cannot be checked, so it is refused rather than trusted (identity
 * CIDs, which Helia may resolve internally, hold their bytes in the CID and are compared directly).
 */
export function verifyBlock(cid: CID, bytes: Uint8Array, log?: IntegrityLog): void {
  const expected = cid.multihash;
  let reason: string | null = null;
  if (expected.code === IDENTITY)
    reason =
      sameBytes(bytes, expected.digest) || (bytes.byteLength === 0 && expected.digest.byteLength === 0)
        ? null
        : 'bytes differ from the identity digest';
  else if (expected.code !== SHA2_256)
    reason = `hash 0x${expected.code.toString(16)} cannot be checked here (sha2-256 only)`;
  else {
    const actual = createHash('sha256').update(bytes).digest();
    if (!sameBytes(actual.subarray(0, expected.digest.byteLength), expected.digest))
      reason = `sha2-256 of its ${bytes.byteLength} bytes is ${actual.toString('hex').slice(0, 16)}…`;
  }
  if (reason === null) return;
  const error = new BlockIntegrityError(cid.toString(), reason);
  log?.record(error);
  throw error;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength || a.byteLength === 0) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * The failures still true: each recorded block is read again (and checked again), and dropped from the log once it
 * reads whole, or once it is gone from the store (unpinned content is not damaged content).
 */
export async function recheckFailures(
  log: IntegrityLog,
  getBlock: (cid: CID) => Promise<Uint8Array>,
): Promise<IntegrityFailure[]> {
  for (const failure of log.list()) {
    try {
      await getBlock(CID.parse(failure.cid));
      log.clear(failure.cid);
    } catch (error) {
      if (error instanceof ContentNotFoundError) log.clear(failure.cid);
    }
  }
  return log.list();
}

/**
 * The failed block an error reports, if it is a BlockIntegrityError. Read by name and fields, not `instanceof`:
 * the storage and the route that catches may come from different copies of this module in a server bundle.
 */
export function integrityFailureOf(error: unknown): { cid: string; reason: string } | null {
  if (!(error instanceof Error) || error.name !== 'BlockIntegrityError') return null;
  const { cid, reason } = error as Error & { cid?: unknown; reason?: unknown };
  return typeof cid === 'string' && typeof reason === 'string' ? { cid, reason } : null;
}
