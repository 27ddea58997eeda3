import { describe, expect, it } from 'vitest';
import { fitMixtureWeights, type MixtureStep } from './mixture-em';

describe('fitMixtureWeights', () => {
  // bucket 0: the first component is right far more often; bucket 1: the second always is
  const steps: MixtureStep[] = [
    ...Array.from({ length: 80 }, () => ({ bucket: 0, components: [0.9, 0.1] })),
    ...Array.from({ length: 20 }, () => ({ bucket: 0, components: [0.1, 0.9] })),
    ...Array.from({ length: 50 }, () => ({ bucket: 1, components: [0.2, 0.95] })),
  ];

  it('fits one row per bucket, each a distribution, favouring the component that predicts that bucket', () => {
    const fit = fitMixtureWeights(steps, 3, 2);
    expect(fit.stepsPerBucket).toEqual([100, 50, 0]);
    for (const row of fit.weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(fit.weights[0]![0]).toBeGreaterThan(0.7);
    expect(fit.weights[1]![1]).toBeGreaterThan(0.9);
    // a bucket without steps keeps the uniform start
    expect(fit.weights[2]).toEqual([0.5, 0.5]);
  });

  it('never does worse on the fitted steps than the uniform mixture it starts from', () => {
    const fit = fitMixtureWeights(steps, 2, 2);
    const uniform =
      steps.reduce((a, s) => a - Math.log(0.5 * s.components[0]! + 0.5 * s.components[1]!), 0) / steps.length;
    expect(fit.nll).toBeLessThan(uniform);
  });

  it('refuses no steps, a bucket out of range and a step of the wrong width', () => {
    expect(() => fitMixtureWeights([], 1, 2)).toThrow(/at least one step/);
    expect(() => fitMixtureWeights([{ bucket: 2, components: [1, 1] }], 2, 2)).toThrow(/bucket 2/);
    expect(() => fitMixtureWeights([{ bucket: 0, components: [1] }], 1, 2)).toThrow(/1 components/);
  });
});
