import { z } from 'zod';
import { getAddress, type Hex } from 'viem';
import { LICENCES } from '../contracts/licences';
import type { AnyVoucher, CurrencyVoucher, Voucher } from '../contracts/voucher';

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'must be an address')
  .transform((a) => getAddress(a));
const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x + 64 hex digits')
  .transform((h) => h.toLowerCase() as Hex);
const uint = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform((v) => BigInt(v));

const voucherFields = z.object({
  creator: address,
  content: bytes32,
  manifest: bytes32,
  price: uint,
  payout: address,
  royaltyReceiver: address,
  royaltyBps: z.coerce.number().int().min(0).max(5000),
  licence: z.coerce
    .number()
    .int()
    .min(0)
    .max(LICENCES.length - 1),
  nonce: uint,
  deadline: uint,
  /** Present for a voucher priced in that ERC-20 (a CurrencyVoucher, issue #20); absent for the native currency. */
  currency: address.optional(),
});
/** Either form: a `currency` makes it a CurrencyVoucher (a distinct EIP-712 type). */
const toVoucher = ({ currency, ...voucher }: z.output<typeof voucherFields>): AnyVoucher =>
  currency ? ({ ...voucher, currency } satisfies CurrencyVoucher) : (voucher satisfies Voucher);
const signature = z
  .string()
  .regex(/^0x[0-9a-fA-F]+$/, 'must be a hex signature')
  .transform((s) => s as Hex);

/** `{ voucher: {...}, signature }` (or the voucher's fields beside `signature`), numbers as decimal strings. */
export const signedVoucherSchema = z.union([
  z
    .object({ voucher: voucherFields, signature })
    .transform((v) => ({ voucher: toVoucher(v.voucher), signature: v.signature })),
  voucherFields
    .extend({ signature })
    .transform(({ signature: sig, ...voucher }) => ({ voucher: toVoucher(voucher), signature: sig })),
]);
export type SignedVoucher = z.output<typeof signedVoucherSchema>;

export function parseSignedVoucher(text: string): { ok: true; value: SignedVoucher } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'That is not JSON.' };
  }
  const parsed = signedVoucherSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      error: `Not a signed voucher: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'voucher'} ${i.message}`).join('; ')}`,
    };
  return { ok: true, value: parsed.data };
}
