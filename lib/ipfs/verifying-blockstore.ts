import { BaseBlockstore } from 'blockstore-core';
import type { Blockstore, InputPair, Pair } from 'interface-blockstore';
import type { CID } from 'multiformats/cid';
import { verifyBlock, type IntegrityLog } from './block-integrity';

type AbortOptions = { signal?: AbortSignal };
type Chunks = Generator<Uint8Array> | AsyncGenerator<Uint8Array>;

function isAsync(chunks: Chunks): chunks is AsyncGenerator<Uint8Array> {
  return Symbol.asyncIterator in chunks;
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  return Buffer.concat(parts);
}

/**
 * A blockstore that hashes every block it hands out and compares it to the block's CID: a block that does not match
 * throws BlockIntegrityError (and is recorded in `log`) before any of its bytes reach the caller. Helia checks
 * blocks it fetches from the network, never blocks it reads from its own store; the embedded node reads through
 * this wrapper, so the gateway, bitswap and every other reader see only verified bytes. A sync store (the pack
 * store) stays sync: the whole block is read and hashed at once, which costs about a millisecond per MiB.
 */
export class VerifyingBlockstore extends BaseBlockstore {
  constructor(
    private readonly inner: Blockstore,
    private readonly log: IntegrityLog,
  ) {
    super();
  }

  override get(cid: CID, options?: AbortOptions): Chunks {
    const chunks = this.inner.get(cid, options);
    return isAsync(chunks) ? this.verifyAsync(cid, chunks) : this.verifySync(cid, chunks);
  }

  private *verifySync(cid: CID, chunks: Generator<Uint8Array>): Generator<Uint8Array> {
    const bytes = join([...chunks]);
    verifyBlock(cid, bytes, this.log);
    yield bytes;
  }

  private async *verifyAsync(cid: CID, chunks: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array> {
    const parts: Uint8Array[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    const bytes = join(parts);
    verifyBlock(cid, bytes, this.log);
    yield bytes;
  }

  override async *getAll(options?: AbortOptions): AsyncGenerator<Pair> {
    for await (const { cid, bytes } of this.inner.getAll(options)) {
      yield { cid, bytes: isAsync(bytes) ? this.verifyAsync(cid, bytes) : this.verifySync(cid, bytes) };
    }
  }

  override put(cid: CID, bytes: InputPair['bytes'], options?: AbortOptions): ReturnType<Blockstore['put']> {
    return this.inner.put(cid, bytes, options);
  }

  override has(cid: CID, options?: AbortOptions): ReturnType<Blockstore['has']> {
    return this.inner.has(cid, options);
  }

  override delete(cid: CID, options?: AbortOptions): ReturnType<Blockstore['delete']> {
    return this.inner.delete(cid, options);
  }

  override putMany(
    source: Iterable<InputPair> | AsyncIterable<InputPair>,
    options?: AbortOptions,
  ): ReturnType<Blockstore['putMany']> {
    return this.inner.putMany(source, options);
  }

  override deleteMany(
    source: Iterable<CID> | AsyncIterable<CID>,
    options?: AbortOptions,
  ): ReturnType<Blockstore['deleteMany']> {
    return this.inner.deleteMany(source, options);
  }
}
