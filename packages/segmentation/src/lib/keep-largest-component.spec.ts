import { describe, expect, it } from 'vitest';
import { keepLargestComponent } from './keep-largest-component.js';

const grid = (rows: string[]) => Float32Array.from(rows.join('').split(''), (ch) => (ch === '#' ? 0.9 : ch === '+' ? 0.3 : 0));

describe('keepLargestComponent', () => {
  it('zeroes foreground outside the largest blob and keeps soft values', () => {
    const v = grid([
      '##..#',
      '##+.#',
      '....#',
      '#....',
    ]);
    const { values, size } = keepLargestComponent(v, 5, 4);
    expect(size).toBe(4);
    const hi = Math.fround(0.9), lo = Math.fround(0.3);
    const kept = [...values].map((x) => (x === hi ? '#' : x === lo ? '+' : x === 0 ? '.' : '?')).join('');
    expect(kept).toBe(['##...', '##+..', '.....', '.....'].join(''));
  });

  it('connectivity 4 vs 8 on a diagonal', () => {
    const v = grid(['#.', '.#']);
    expect(keepLargestComponent(v, 2, 2, { connectivity: 8 }).size).toBe(2);
    expect(keepLargestComponent(v, 2, 2, { connectivity: 4 }).size).toBe(1);
  });

  it('works in place and on empty maps', () => {
    const v = new Float32Array(9);
    expect(keepLargestComponent(v, 3, 3, { out: v }).size).toBe(0);
    expect(() => keepLargestComponent(v, 2, 2)).toThrow(/values buffer/);
  });
});
