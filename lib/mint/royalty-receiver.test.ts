import { describe, expect, it } from 'vitest';
import { predictSplitAddress } from '../contracts/splits';
import { royaltyReceiver } from './royalty-receiver';
import { validateSplit, type SplitForm } from './split';

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const SPLIT_MAIN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

function valid(form: SplitForm) {
  const v = validateSplit(form);
  if (!v.ok) throw new Error(v.errors[0]?.message);
  return v.value;
}

describe('royaltyReceiver', () => {
  it('is the only payee when there is no split contract', () => {
    expect(
      royaltyReceiver({
        split: valid({ royaltyPercent: '5', payees: [{ address: A, percent: '100' }], controller: '' }),
        splitMain: SPLIT_MAIN,
      }),
    ).toBe(A);
  });

  it('is the predicted split for several payees, or one payee with a controller (who may change it later)', () => {
    const two = valid({
      royaltyPercent: '5',
      payees: [
        { address: A, percent: '60' },
        { address: B, percent: '40' },
      ],
      controller: '',
    });
    expect(royaltyReceiver({ split: two, splitMain: SPLIT_MAIN })).toBe(predictSplitAddress(SPLIT_MAIN, two.split));
    const controlled = valid({ royaltyPercent: '5', payees: [{ address: A, percent: '100' }], controller: B });
    const receiver = royaltyReceiver({ split: controlled, splitMain: SPLIT_MAIN });
    expect(receiver).toBe(predictSplitAddress(SPLIT_MAIN, controlled.split, B));
    expect(receiver).not.toBe(A);
  });
});
