/** The track page with the signed voucher linked (`?voucher=<JSON>`, read by its redeem form). */
export function voucherLink(tokenId: string, json: string): string {
  return `/tracks/${tokenId}?voucher=${encodeURIComponent(json)}`;
}
