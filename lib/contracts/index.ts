// Browser-safe entry point: ABIs and voucher typed data only. Node-only modules (they use node:fs and solc-js)
// are imported directly: './compile', './deploy', './deployment'.
export { trackCollectionAbi, splitMainAbi, marketAbi } from './abi';
export {
  voucherTypes,
  voucherDomain,
  LICENCES,
  MAX_ROYALTY_BPS,
  SPLIT_PERCENTAGE_SCALE,
  type Voucher,
  type LicenceName,
} from './voucher';
export { marketOrderTypes, marketOrderDomain, type MarketOrder } from './market-order';
export {
  normalizeSplit,
  hashSplit,
  predictSplitAddress,
  splitWalletInitCode,
  MAX_SPLIT_RECIPIENTS,
  type SplitRecipient,
  type NormalizedSplit,
} from './splits';
export { trackIdOf, creatorOfTrackId, InvalidTrackIdError, TRACK_ID_CONTENT_BITS } from './track-id';
