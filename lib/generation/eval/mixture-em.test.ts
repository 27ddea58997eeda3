import { describe, expect, it } from 'vitest';
import { fitMixtureWeights, mixtureNll, type MixtureStep } from './mixture-em';

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

describe('mixtureNll', () => {
  const steps: MixtureStep[] = [
    { bucket: 0, components: [0.5, 0.25] },
    { bucket: 1, components: [0.1, 0.8] },
  ];

  it("is the mean negative log of each step mixed by its bucket's row", () => {
    const weights = [
      [0.75, 0.25],
      [0.5, 0.5],
    ];
    const expected = -(Math.log(0.75 * 0.5 + 0.25 * 0.25) + Math.log(0.5 * 0.1 + 0.5 * 0.8)) / 2;
    expect(mixtureNll(steps, weights)).toBeCloseTo(expected, 14);
  });

  it('normalises each row by its sum, as the sampler does', () => {
    expect(
      mixtureNll(steps, [
        [3, 1],
        [2, 2],
      ]),
    ).toBeCloseTo(
      mixtureNll(steps, [
        [0.75, 0.25],
        [0.5, 0.5],
      ]),
      14,
    );
  });

  it('gives the NLL the EM reports for the weights it started its last iteration from', () => {
    const many: MixtureStep[] = [
      ...Array.from({ length: 30 }, () => steps[0]!),
      ...Array.from({ length: 10 }, () => steps[1]!),
    ];
    const once = fitMixtureWeights(many, 2, 2, 1);
    expect(once.nll).toBeCloseTo(
      mixtureNll(many, [
        [0.5, 0.5],
        [0.5, 0.5],
      ]),
      12,
    );
  });

  it('refuses no steps and a bucket without a row', () => {
    expect(() => mixtureNll([], [[1]])).toThrow(/at least one step/);
    expect(() => mixtureNll([{ bucket: 3, components: [1] }], [[1]])).toThrow(/bucket 3/);
  });
});
