import { describe, expect, it } from 'vitest';
import { localDevAccounts } from './dev-accounts';

describe('localDevAccounts', () => {
  it("derives anvil's published dev accounts", () => {
    const [first, second] = localDevAccounts(2);
    expect(first?.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(first?.privateKey).toBe('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
    expect(second?.address).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
  });
});
