/**
 * c2pa-rs (0.90) compiled to WebAssembly, as @contentauth/c2pa-wasm ships it for @contentauth/c2pa-web, loaded in
 * Node. c2pa-web itself runs the module in a browser Web Worker, so the server uses the same module directly:
 * - the .wasm file is read from node_modules (no fetch);
 * - its Blob reader calls the worker-only `FileReaderSync`: a stand-in that answers only for `ByteBlob`s (Blobs this
 *   module made from bytes it still holds) is installed on globalThis when none exists.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as glue from '@contentauth/c2pa-wasm';
import { BaseError } from '../../errors/base';

export type C2paWasm = typeof glue;

const held = new WeakMap<Blob, Uint8Array>();

/** A Blob whose bytes can be read synchronously (what c2pa-rs's stream over a Blob needs). */
export class ByteBlob extends Blob {
  readonly #source: Uint8Array;
  constructor(source: Uint8Array) {
    // no copy into Blob storage: c2pa-rs reads `size` and the bytes (through the stand-in) only
    super([]);
    Object.defineProperty(this, 'size', { value: source.byteLength });
    this.#source = source;
    held.set(this, source);
  }
  override slice(start?: number, end?: number): Blob {
    return new ByteBlob(this.#source.subarray(start ?? 0, end ?? this.#source.byteLength));
  }
}

/** Raised for a Blob the stand-in cannot read (not a ByteBlob). */
export class C2paWasmError extends BaseError {
  override name = 'C2paWasmError';
}

class ByteBlobReaderSync {
  readAsArrayBuffer(blob: Blob): ArrayBuffer {
    const bytes = held.get(blob);
    if (!bytes) throw new C2paWasmError('FileReaderSync stand-in: only ByteBlob can be read synchronously in Node');
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    return copy.buffer;
  }
}

/**
 * Where the .wasm is, found at run time and hidden from Turbopack: a .wasm it can trace is bundled as a module (a
 * loader importing a glue file this web-target package does not ship), and in the server bundle `require.resolve`
 * answers a module id, not a path. Every Motif process (npm start's web app, the CLI, tests) runs in the project
 * folder, so its node_modules is tried first.
 */
function wasmFile(): string {
  const inProject = path.join(
    /* turbopackIgnore: true */ process.cwd(),
    'node_modules',
    '@contentauth',
    'c2pa-wasm',
    'pkg',
    'c2pa_bg.wasm',
  );
  if (existsSync(inProject)) return inProject;
  const resolved: unknown = createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm/package.json');
  if (typeof resolved !== 'string')
    throw new C2paWasmError(
      `@contentauth/c2pa-wasm not found in ${process.cwd()}/node_modules (run Motif from the project folder)`,
    );
  return path.join(/* turbopackIgnore: true */ path.dirname(resolved), 'pkg', 'c2pa_bg.wasm');
}

let ready: Promise<C2paWasm> | undefined;

/** The initialised module (compiled once per process). */
export function c2paWasm(): Promise<C2paWasm> {
  ready ??= (async () => {
    if (!('FileReaderSync' in globalThis))
      Object.defineProperty(globalThis, 'FileReaderSync', {
        value: ByteBlobReaderSync,
        configurable: true,
        writable: true,
      });
    const file = wasmFile();
    glue.initSync({ module: await readFile(file) });
    return glue;
  })().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}
