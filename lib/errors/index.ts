/**
 * Errors, one home.
 *
 * - `BaseError` (base.ts): every Motif error class extends it: `shortMessage` (for people), `details`, `cause`,
 *   `walk(fn?)` over the cause chain, `name` set per class (`override name = 'Xxx' as const`). Export
 *   `XxxErrorType = Xxx & { name: 'Xxx' }` beside a class and `ErrorType<'Name'>` unions from actions, as viem does.
 * - `walk` / `findError` (base.ts): find an error class anywhere in a cause chain (Motif, viem, wagmi or plain).
 * - `TransactionRevertedError`: a mined transaction whose receipt says reverted.
 * - Wallet and contract call failures: `classifyWalletError` / `describeWalletError` in `lib/errors/wallet`
 *   (imported from there, not re-exported here: it loads wagmi, which server modules must not).
 */
export { BaseError, walk, findError, type BaseErrorParameters, type BaseErrorType, type ErrorType } from './base';
export { TransactionRevertedError, type TransactionRevertedErrorType } from './transaction-reverted';
