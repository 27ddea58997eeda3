import 'server-only';
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import { galleryQueryKey, type GalleryQuery } from './gallery-query';
import { listTracks } from './list-tracks';

export type CachedPage = { body: string; etag: string; version: string };

/**
 * Gallery pages cached per query and per index version (the indexer's cursor). A page is served from memory until
 * the indexer moves, so readers never wait on PostgreSQL for a page someone already asked for, and never see a page
 * older than the last indexed block plus `versionCheckMs`. Concurrent misses for one query share one database read.
 */
export class GalleryCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly inflight = new Map<string, Promise<CachedPage>>();
  private version = '';
  private versionCheckedAt = 0;
  private versionPromise: Promise<string> | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly chainId: number,
    private readonly options: { maxEntries?: number; versionCheckMs?: number } = {},
  ) {}

  private async currentVersion(): Promise<string> {
    const now = Date.now();
    if (now - this.versionCheckedAt < (this.options.versionCheckMs ?? 500)) return this.version;
    this.versionPromise ??= this.prisma.chainCursor
      .findMany({ where: { chainId: this.chainId }, select: { stream: true, blockNumber: true, blockHash: true } })
      .then((rows) => rows.map((r) => `${r.stream}:${r.blockNumber}:${r.blockHash}`).join(','))
      .finally(() => {
        this.versionPromise = null;
      });
    const version = await this.versionPromise;
    this.versionCheckedAt = Date.now();
    if (version !== this.version) {
      this.version = version;
      this.pages.clear();
    }
    return version;
  }

  async get(query: GalleryQuery): Promise<CachedPage> {
    const version = await this.currentVersion();
    const key = galleryQueryKey(query);
    const hit = this.pages.get(key);
    if (hit && hit.version === version) return hit;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const load = listTracks(this.prisma, this.chainId, query)
      .then((page) => {
        const body = JSON.stringify(page);
        const entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, version };
        if (this.pages.size >= (this.options.maxEntries ?? 500))
          this.pages.delete(this.pages.keys().next().value as string);
        if (version === this.version) this.pages.set(key, entry);
        return entry;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, load);
    return load;
  }
}
