import { describe, expect, it } from 'vitest';
import { powerLawRank, probit, QuantileTable, Rng, Scatter, WeightedChoice } from '#src/generate/random.ts';

describe('random', () => {
  it('is deterministic per seed, tag and index', () => {
    const draw = (rng: Rng) => Array.from({ length: 5 }, () => rng.u32());
    expect(draw(Rng.stream(1, 2))).toEqual(draw(Rng.stream(1, 2)));
    expect(draw(Rng.stream(1, 2))).not.toEqual(draw(Rng.stream(2, 2)));
    expect(draw(Rng.entity(1, 2, 3))).toEqual(draw(Rng.entity(1, 2, 3)));
    expect(draw(Rng.entity(1, 2, 3))).not.toEqual(draw(Rng.entity(1, 2, 4)));
    expect(draw(Rng.entity(1, 2, 2 ** 33))).not.toEqual(draw(Rng.entity(1, 2, 0)));
  });

  it('gives uniform floats in [0, 1)', () => {
    const rng = Rng.stream(5, 5);
    const draws = Array.from({ length: 100_000 }, () => rng.float());
    expect(draws.every((u) => u >= 0 && u < 1)).toBe(true);
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo(0.5, 2);
  });

  it('samples quantile tables by interpolation', () => {
    const table = new QuantileTable([
      [0, 10],
      [0.5, 20],
      [1, 40],
    ]);
    expect(table.at(0)).toBe(10);
    expect(table.at(0.25)).toBe(15);
    expect(table.at(0.75)).toBe(30);
    expect(
      () =>
        new QuantileTable([
          [0.1, 1],
          [1, 2],
        ]),
    ).toThrow(RangeError);
  });

  it('keeps power-law ranks in range with the head most likely', () => {
    expect(powerLawRank(1, 1, 0.7)).toBe(0);
    expect(powerLawRank(100, 1, 0)).toBe(0);
    expect(powerLawRank(100, 1, 0.999999)).toBe(99);
    const rng = Rng.stream(3, 3);
    const counts = new Array<number>(1000).fill(0);
    for (let i = 0; i < 50_000; i++) counts[powerLawRank(1000, 1, rng.float())]!++;
    expect(counts[0]!).toBeGreaterThan(counts[10]!);
    expect(counts[10]!).toBeGreaterThan(counts[500]!);
  });

  it('scatters ranks with a bijection', () => {
    for (const n of [1, 2, 97, 1000, 4096]) {
      const scatter = new Scatter(n, 123456789);
      const seen = new Set(Array.from({ length: n }, (_, i) => scatter.map(i)));
      expect(seen.size).toBe(n);
      expect(Math.max(...seen)).toBe(n - 1);
    }
  });

  it('has a probit that inverts the normal CDF', () => {
    expect(probit(0.5)).toBeCloseTo(0, 9);
    expect(probit(0.975)).toBeCloseTo(1.959964, 5);
    expect(probit(0.001)).toBeCloseTo(-3.090232, 5);
  });

  it('chooses by weight', () => {
    const choice = new WeightedChoice([
      ['a', 1],
      ['b', 3],
    ] as const);
    expect(choice.at(0)).toBe('a');
    expect(choice.at(0.24)).toBe('a');
    expect(choice.at(0.26)).toBe('b');
    expect(choice.at(0.999)).toBe('b');
  });
});
