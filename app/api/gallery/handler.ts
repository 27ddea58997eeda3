import type { GalleryCache } from '../../../lib/gallery/gallery-cache';
import type { Currency } from '../../../lib/format/amount';
import { GalleryQueryError, parseGalleryQuery } from '../../../lib/gallery/gallery-query';
import { errorResponse } from '../_http/errors';

/**
 * GET /api/gallery?q=&genre=&key=&bpmMin=&bpmMax=&model=&priceMin=&priceMax=&forSale=&sort=&page=&pageSize=
 * Prices are read in the chain's currency (its decimals), as the gallery page shows them.
 */
export function createGalleryHandler(
  cache: () => Promise<Pick<GalleryCache, 'get'>>,
  currency: () => Promise<Currency>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    let query;
    try {
      query = parseGalleryQuery(new URL(request.url).searchParams, await currency());
    } catch (error) {
      if (error instanceof GalleryQueryError)
        return errorResponse(400, {
          error: 'Invalid gallery query',
          issues: error.problems.map((p) => `${p.field}: ${p.message}`),
        });
      throw error;
    }
    const page = await (await cache()).get(query);
    if (request.headers.get('if-none-match') === page.etag)
      return new Response(null, { status: 304, headers: { etag: page.etag } });
    return new Response(page.body, {
      headers: { 'content-type': 'application/json', etag: page.etag, 'cache-control': 'no-cache' },
    });
  };
}
