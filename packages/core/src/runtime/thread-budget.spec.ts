import { describe, expect, it } from 'vitest';
import { threadBudget } from './thread-budget.js';

describe('threadBudget', () => {
  it.each([
    [[6], 2, 1, [2]],
    [[6, 3, 2], 2, 1, [1, 1, 1]],
    [[6, 3, 2, 33], 2, 1, [1, 1, 1, 1]],
    [[6, 3], 4, 1, [3, 1]],
    [[3, 1], 8, 2, [3, 1]],
    [[1, 1, 1], 8, 1, [3, 3, 2]],
    [[6, 3, 2, 33], 8, 1, [1, 1, 1, 5]],
    [[], 2, 1, []],
  ] as const)('weights %j on %i cores, %i worker(s) each -> %j', (weights, cores, workers, expected) => {
    const t = threadBudget(weights, { cores, workers });
    expect(t).toEqual(expected);
    // never more threads than cores, unless every session already has its one thread
    expect(t.reduce((a, b) => a + b, 0) * workers).toBeLessThanOrEqual(Math.max(cores, weights.length * workers));
  });

  it('rejects bad weights and counts', () => {
    expect(() => threadBudget([0])).toThrow(RangeError);
    expect(() => threadBudget(['1' as never])).toThrow(TypeError);
    expect(() => threadBudget([1], { cores: 0 })).toThrow(/Expected `cores`/);
    expect(() => threadBudget([1], { workers: 1.5 })).toThrow(RangeError);
  });
});
