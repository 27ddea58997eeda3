import { describe, expect, it } from 'vitest';
import { gasBench } from '../../bench/gas';

describe('gas bench', () => {
  it('meets the issue #4 gas goals, beside cheaper-than-naive references', async () => {
    const figures = await gasBench.run();
    const byName = Object.fromEntries(figures.map((f) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual(
      ['gas.market.buy', 'gas.mint.warm', 'gas.split.create3', 'gas.split.distribute5', 'gas.voucher.redeem'].sort(),
    );
    expect(byName['gas.mint.warm']?.value).toBeLessThanOrEqual(95_000);
    expect(byName['gas.split.create3']?.value).toBeLessThanOrEqual(90_000);
    expect(byName['gas.split.distribute5']?.value).toBeLessThanOrEqual(70_000);
    for (const f of figures) {
      const naive = Number(/reference ([\d,]+) gas/.exec(f.note ?? '')?.[1]?.replaceAll(',', ''));
      expect(naive, `${f.name} note names its reference`).toBeGreaterThan(0);
      expect(f.value, `${f.name} vs naive reference`).toBeLessThan(naive);
    }
  }, 180_000);
});
