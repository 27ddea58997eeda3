import { decodeEventLog, getAddress, type Address, type Hex } from 'viem';
import { MOTIF_ABIS } from '../chain/contracts';

export type ReceiptLog = { address: Address; topics: readonly Hex[]; data: Hex };

/** The SplitMain event each recordable action must have emitted, and the argument naming the split or account. */
export const ACTION_EVENTS = {
  'split.create': { event: 'SplitCreated', arg: 'split' },
  'split.update': { event: 'SplitUpdated', arg: 'split' },
  'split.transferControl': { event: 'ControlTransferInitiated', arg: 'split' },
  'split.acceptControl': { event: 'ControlTransferred', arg: 'split' },
  'split.cancelControlTransfer': { event: 'ControlTransferCancelled', arg: 'split' },
  'split.makeImmutable': { event: 'SplitMadeImmutable', arg: 'split' },
  'earnings.distribute': { event: 'Distributed', arg: 'split' },
  'earnings.withdraw': { event: 'Withdrawal', arg: 'account' },
} as const;

export type RecordableAction = keyof typeof ACTION_EVENTS;

/**
 * Whether `logs` (a transaction receipt's) hold the SplitMain event `action` emits for `target` (the split, or the
 * account for a withdrawal), emitted by the SplitMain at `splitMain`. Logs of other contracts or events are ignored.
 */
export function receiptMatches(
  logs: readonly ReceiptLog[],
  splitMain: Address,
  action: RecordableAction,
  target: Address,
): boolean {
  const { event, arg } = ACTION_EVENTS[action];
  const want = getAddress(target);
  for (const log of logs) {
    const [signature, ...indexed] = log.topics;
    if (getAddress(log.address) !== getAddress(splitMain) || signature === undefined) continue;
    try {
      const decoded = decodeEventLog({ abi: MOTIF_ABIS.SplitMain, data: log.data, topics: [signature, ...indexed] });
      if (decoded.eventName !== event) continue;
      // Every SplitMain event has named arguments; widened (not cast) to look `arg` up by name.
      const args: Readonly<Record<string, unknown>> = decoded.args;
      const value = args[arg];
      if (typeof value === 'string' && getAddress(value) === want) return true;
    } catch {
      // Not a SplitMain event this ABI knows.
    }
  }
  return false;
}
