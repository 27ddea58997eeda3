import { resolveChain } from '../../../lib/config/chains';
import { GalleryCache } from '../../../lib/gallery/gallery-cache';
import { getServices } from '../../../lib/platform/services';
import { perProcess } from '../_http/per-process';
import { createGalleryHandler } from './handler';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// One cache per process, over the process's database client.
const cache = perProcess('galleryCache', async () => {
  const services = await getServices();
  return new GalleryCache(services.prisma, services.chainId);
});

/** See ./handler.ts. */
export const GET = createGalleryHandler(
  cache,
  async () => resolveChain((await getServices()).env).chain.nativeCurrency,
);
