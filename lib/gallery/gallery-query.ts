import { parseUnits } from 'viem';
import { z } from 'zod';
import { BaseError } from '../errors/base';
import type { Currency } from '../format/amount';

export const GALLERY_SORTS = ['newest', 'oldest', 'price-asc', 'price-desc', 'title'] as const;

const optionalText = (max: number) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(max, `at most ${max} characters`).optional());
const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(min, `at least ${min}`)
      .max(max, `at most ${max}`)
      .optional(),
  );
/** An amount in the chain's native currency, parsed in its decimals; the message names its symbol. */
const optionalAmount = ({ symbol, decimals }: Currency) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^\d{1,12}(\.\d{1,36})?$/, `must be an amount in ${symbol}, e.g. 0.5`)
      .transform((v) => parseUnits(v, decimals))
      .optional(),
  );

/** The gallery's search, filters, sort and page, as given in a URL's query string; prices in `currency`. */
export const galleryQuerySchemaFor = (currency: Currency) =>
  z
    .object({
      q: optionalText(100),
      creator: z.preprocess(
        (v) => (v === '' ? undefined : v),
        z
          .string()
          .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x address')
          .optional(),
      ),
      genre: optionalText(60),
      key: optionalText(20),
      model: optionalText(100),
      bpmMin: optionalInt(1, 400),
      bpmMax: optionalInt(1, 400),
      priceMin: optionalAmount(currency),
      priceMax: optionalAmount(currency),
      forSale: z.preprocess(
        (v) => (v === '' || v === undefined ? undefined : v === 'true' || v === '1' || v === 'on'),
        z.boolean().optional(),
      ),
      sort: z.preprocess(
        (v) => (v === '' ? undefined : v),
        z.enum(GALLERY_SORTS, { error: `must be one of ${GALLERY_SORTS.join(', ')}` }).default('newest'),
      ),
      page: optionalInt(1, 10_000).default(1),
      pageSize: optionalInt(1, 60).default(24),
    })
    .refine((q) => q.bpmMin === undefined || q.bpmMax === undefined || q.bpmMin <= q.bpmMax, {
      path: ['bpmMax'],
      message: 'must be at least bpmMin',
    })
    .refine((q) => q.priceMin === undefined || q.priceMax === undefined || q.priceMin <= q.priceMax, {
      path: ['priceMax'],
      message: 'must be at least priceMin',
    });

const ETHER: Currency = { symbol: 'ETH', decimals: 18 };
export const galleryQuerySchema = galleryQuerySchemaFor(ETHER);
export type GalleryQuery = z.infer<typeof galleryQuerySchema>;

export class GalleryQueryError extends BaseError {
  override name = 'GalleryQueryError';
  constructor(readonly problems: { field: string; message: string }[]) {
    super(problems.map((p) => `${p.field} ${p.message}`).join('; '));
  }
}

export function parseGalleryQuery(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
  currency: Currency = ETHER,
): GalleryQuery {
  const raw: Record<string, string> = {};
  const entries =
    params instanceof URLSearchParams
      ? [...params.entries()]
      : Object.entries(params).flatMap(([k, v]) =>
          v === undefined ? [] : [[k, Array.isArray(v) ? (v[0] ?? '') : v] as [string, string]],
        );
  for (const [k, v] of entries) raw[k] = v;
  const result = (currency === ETHER ? galleryQuerySchema : galleryQuerySchemaFor(currency)).safeParse(raw);
  if (!result.success)
    throw new GalleryQueryError(
      result.error.issues.map((i) => ({ field: i.path.join('.') || 'query', message: i.message })),
    );
  return result.data;
}

/** A stable string for a query (cache key): defaults filled, keys sorted, bigints as strings. */
export function galleryQueryKey(query: GalleryQuery): string {
  return JSON.stringify(
    Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
    (_, v) => (typeof v === 'bigint' ? v.toString() : v),
  );
}
