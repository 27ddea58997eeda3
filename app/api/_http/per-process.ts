/**
 * `make()` once per server process, kept on globalThis (Next may load a module once per route bundle, so a module
 * variable would not be shared); a failed start is forgotten so the next request tries again.
 */
export function perProcess<T>(key: string, make: () => Promise<T>): () => Promise<T> {
  const symbol = Symbol.for(`motif.${key}`);
  const g = globalThis as typeof globalThis & Record<symbol, Promise<T> | undefined>;
  return () => {
    g[symbol] ??= make().catch((error: unknown) => {
      delete g[symbol];
      throw error;
    });
    return g[symbol];
  };
}
