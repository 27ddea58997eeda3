import { BaseError as ViemBaseError, HttpRequestError } from 'viem';
import { describe, expect, it } from 'vitest';
import { BaseError, findError, walk } from './base';
import { TransactionRevertedError } from './transaction-reverted';

class PinTimeoutError extends BaseError {
  override name = 'PinTimeoutError' as const;
}

describe('BaseError', () => {
  it('keeps the short message as the message, with explicit details and meta lines appended', () => {
    const plain = new PinTimeoutError('pinning took too long');
    expect(plain.message).toBe('pinning took too long');
    expect(plain.shortMessage).toBe('pinning took too long');
    expect(plain.name).toBe('PinTimeoutError');
    expect(plain).toBeInstanceOf(BaseError);
    expect(plain).toBeInstanceOf(Error);
    const detailed = new BaseError('could not pin', { details: 'HTTP 502', metaMessages: ['cid: bafy'] });
    expect(detailed.message).toBe('could not pin\n\ncid: bafy\n\nDetails: HTTP 502');
  });

  it('reads details from the cause (viem short message first) without changing the message', () => {
    const cause = new HttpRequestError({ url: 'http://127.0.0.1:1', details: 'ECONNREFUSED' });
    const e = new BaseError('could not read the chain', { cause });
    expect(e.message).toBe('could not read the chain');
    expect(e.details).toBe('HTTP request failed.');
    expect(e.cause).toBe(cause);
  });

  it('walks the cause chain through viem and plain errors', () => {
    const root = new TypeError('Failed to fetch');
    const viem = new ViemBaseError('request failed', { cause: root });
    const top = new BaseError('pin failed', { cause: viem });
    expect(top.walk()).toBe(root);
    expect(top.walk((e) => e instanceof ViemBaseError)).toBe(viem);
    expect(top.walk((e) => e instanceof RangeError)).toBeNull();
    expect(findError(top, TypeError)).toBe(root);
    expect(findError(top, TransactionRevertedError)).toBeNull();
    expect(walk('not an error')).toBe('not an error');
  });

  it('stops on a cause cycle', () => {
    const a = new BaseError('a');
    const b = new BaseError('b', { cause: a });
    Object.defineProperty(a, 'cause', { value: b });
    expect(walk(b, (e) => e instanceof RangeError)).toBeNull();
  });
});
