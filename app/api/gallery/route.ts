import { GalleryCache } from '../../../lib/gallery/gallery-cache';
import { GalleryQueryError, parseGalleryQuery } from '../../../lib/gallery/gallery-query';
import { createPrismaClient } from '../../../lib/db/client';
import { getServices } from '../../../lib/platform/services';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const globalKey = Symbol.for('motif.galleryCache');
type WithCache = typeof globalThis & { [globalKey]?: GalleryCache };

async function cache(): Promise<GalleryCache> {
  const g = globalThis as WithCache;
  if (!g[globalKey]) {
    const services = await getServices();
    g[globalKey] = new GalleryCache(createPrismaClient(services.databaseUrl), services.chainId);
  }
  return g[globalKey];
}

/** GET /api/gallery?q=&genre=&key=&bpmMin=&bpmMax=&model=&priceMin=&priceMax=&forSale=&sort=&page=&pageSize= */
export async function GET(request: Request): Promise<Response> {
  let query;
  try {
    query = parseGalleryQuery(new URL(request.url).searchParams);
  } catch (error) {
    if (error instanceof GalleryQueryError) return Response.json({ error: 'Invalid gallery query', problems: error.problems }, { status: 400 });
    throw error;
  }
  const page = await (await cache()).get(query);
  if (request.headers.get('if-none-match') === page.etag) return new Response(null, { status: 304, headers: { etag: page.etag } });
  return new Response(page.body, { headers: { 'content-type': 'application/json', etag: page.etag, 'cache-control': 'no-cache' } });
}
