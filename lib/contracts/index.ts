// Browser-safe entry point: ABIs and voucher typed data only. Node-only modules (they use node:fs and solc-js)
// are imported directly: './compile', './deploy', './deployment'.
export { trackCollectionAbi, splitMainAbi, marketAbi } from './abi';
export {
  voucherTypes,
  voucherDomain,
  currencyVoucherTypes,
  voucherTypedData,
  isCurrencyVoucher,
  MAX_ROYALTY_BPS,
  type Voucher,
  type CurrencyVoucher,
  type AnyVoucher,
} from './voucher';
export { LICENCES, licenceId, licenceUri, type LicenceName } from './licences';
export { marketOrderTypes, marketOrderDomain, type MarketOrder } from './market-order';
export {
  normalizeSplit,
  hashSplit,
  predictSplitAddress,
  splitWalletInitCode,
  type SplitRecipient,
  type NormalizedSplit,
} from './splits';
export { trackIdOf, creatorOfTrackId, InvalidTrackIdError, TRACK_ID_CONTENT_BITS } from './track-id';
