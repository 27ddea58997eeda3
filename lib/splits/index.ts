/**
 * Royalty splits, one home: SplitMain's share scale and recipient limit, percent <-> share conversion, the one zod
 * schema of a split (`splitRecipientsSchema`), and the validation of payees typed in a form (`validatePayees`),
 * used by the mint form (lib/mint/split.ts) and the label split editor. The split's address and hash (what SplitMain
 * computes on chain) are in lib/contracts/splits.ts.
 */
export {
  MAX_SPLIT_RECIPIENTS,
  PERCENT_TEXT_MESSAGE,
  percentToShares,
  sharesToPercent,
  SPLIT_SHARE_SCALE,
} from './shares';
export { splitRecipientsSchema, type NormalizedSplit, type SplitRecipientInput } from './schema';
export { validatePayees, type FieldError, type PayeeRow, type PayeesValidation } from './validate';
