import { describe, expect, it } from 'vitest';
import { assignWithGate, solveSquareAssignment } from './solve-assignment.js';

function bruteForce(cost: number[], n: number): number {
  let best = Infinity;
  const perm = [...Array(n).keys()];
  const rec = (k: number): void => {
    if (k === n) {
      best = Math.min(best, perm.reduce((s, j, i) => s + cost[i * n + j]!, 0));
      return;
    }
    for (let i = k; i < n; i++) {
      [perm[k], perm[i]] = [perm[i]!, perm[k]!];
      rec(k + 1);
      [perm[k], perm[i]] = [perm[i]!, perm[k]!];
    }
  };
  rec(0);
  return best;
}

describe('solveSquareAssignment', () => {
  it('solves a classic 3x3 example', () => {
    expect(Array.from(solveSquareAssignment([4, 1, 3, 2, 0, 5, 3, 2, 2], 3))).toEqual([1, 0, 2]);
  });

  it('matches brute force on random matrices up to 7x7', () => {
    let seed = 12345;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + (trial % 7);
      const cost = Array.from({ length: n * n }, () => Math.round(rnd() * 100) / 10);
      const sol = solveSquareAssignment(cost, n);
      expect(new Set(sol).size).toBe(n);
      const total = Array.from(sol).reduce((s, j, i) => s + cost[i * n + j]!, 0);
      expect(total).toBeCloseTo(bruteForce(cost, n), 9);
    }
  });

  it('handles n = 0 and rejects bad input', () => {
    expect(solveSquareAssignment([], 0).length).toBe(0);
    expect(() => solveSquareAssignment([1, 2, 3], 2)).toThrow(RangeError);
    expect(() => solveSquareAssignment([NaN], 1)).toThrow(/NaN/);
  });
});

describe('assignWithGate', () => {
  it('prefers the globally best matching over a greedy one', () => {
    // Greedy (take 0.1 first) would pair row0-col0 and leave row1 with cost 0.65; optimal swaps.
    const cost = [0.1, 0.2, 0.15, 0.65];
    expect(Array.from(assignWithGate(cost, 2, 2, 0.7))).toEqual([1, 0]);
  });

  it('leaves rows unmatched when every pair is above the gate, and handles rectangles', () => {
    expect(Array.from(assignWithGate([0.2, 0.9, 1, 1, 0.3, 0.95], 2, 3, 0.7))).toEqual([0, 1]);
    expect(Array.from(assignWithGate([0.9, 0.8], 2, 1, 0.7))).toEqual([-1, -1]);
    expect(Array.from(assignWithGate([0.9, 0.5, 0.6], 3, 1, 0.7))).toEqual([-1, 0, -1]);
    expect(Array.from(assignWithGate([], 0, 4, 0.7))).toEqual([]);
    expect(Array.from(assignWithGate([], 3, 0, 0.7))).toEqual([-1, -1, -1]);
  });
});
