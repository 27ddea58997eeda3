import 'server-only';
import type { HealthReport } from '../health/health';
import { servicesHealth } from './services';

/**
 * `load` run at most once per `ttlMs`: calls inside that window, and calls while a run is in flight, share its
 * result. A rejected run is not kept, so the next call tries again.
 */
export function memoizeFor<T>(
  ttlMs: number,
  load: () => Promise<T>,
  now: () => number = () => performance.now(),
): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | null = null;
  return () => {
    const t = now();
    if (last && t - last.at < ttlMs) return last.value;
    const entry = { at: t, value: load() };
    last = entry;
    entry.value.catch(() => {
      if (last === entry) last = null;
    });
    return entry.value;
  };
}

/** How long one live health check answers for: under load, /api/health costs a memory read, not four live probes. */
export const HEALTH_TTL_MS = 1_000;

const cacheKey = Symbol.for('motif.cachedHealth');
type WithHealth = typeof globalThis & { [cacheKey]?: () => Promise<HealthReport> };

/** servicesHealth(), at most one live run per second in this process (its report says when it was checked). */
export function cachedServicesHealth(): Promise<HealthReport> {
  const g = globalThis as WithHealth;
  g[cacheKey] ??= memoizeFor(HEALTH_TTL_MS, servicesHealth);
  return g[cacheKey]();
}
