import { assertInteger, expectedMessage } from '@facepipe/core';

/**
 * Minimum-cost assignment of a square `n x n` cost matrix (row-major), by the Hungarian method with
 * row/column potentials and shortest augmenting paths (Kuhn–Munkres in the O(n³) form of
 * Jonker–Volgenant). Returns, for each row, the column assigned to it.
 *
 * ## Example
 * ```ts
 * solveSquareAssignment(new Float64Array([4, 1, 3, 2, 0, 5, 3, 2, 2]), 3); // Int32Array [1, 0, 2]
 * ```
 * @throws {RangeError} when `cost` has fewer than `n * n` entries or holds NaN.
 */
export function solveSquareAssignment(cost: ArrayLike<number>, n: number): Int32Array {
  assertInteger(n, 'n', 0);
  if (cost.length < n * n) throw new RangeError(expectedMessage('cost', `${n * n} entries (n x n)`, `${cost.length} entries`));
  for (let i = 0; i < n * n; i++) if (Number.isNaN(cost[i])) throw new RangeError(`Expected \`cost[${i}]\` to be a number, got \`NaN\` (number)`);
  // 1-based arrays; column 0 is the virtual start of each augmenting path.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1); // p[j] = row matched to column j
  const way = new Int32Array(n + 1);
  const minv = new Float64Array(n + 1);
  const used = new Uint8Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[(i0 - 1) * n + (j - 1)]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minv[j] = minv[j]! - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const rowToCol = new Int32Array(n);
  for (let j = 1; j <= n; j++) if (p[j]! > 0) rowToCol[p[j]! - 1] = j - 1;
  return rowToCol;
}

/**
 * Gated rectangular assignment: match rows to columns minimising the summed cost, where a pair is
 * only allowed when its cost is at most `maxCost`, and any row or column may stay unmatched.
 * Solved exactly by padding to an `(rows + cols)` square whose dummy entries cost `maxCost / 2`
 * per unmatched side, so a pair is taken only when it beats leaving both ends unmatched.
 *
 * ## Example
 * ```ts
 * // 2 tracks x 3 detections, cost = 1 - IoU
 * assignWithGate(new Float64Array([0.2, 0.9, 1, 1, 0.3, 0.95]), 2, 3, 0.7); // Int32Array [0, 1]
 * ```
 * @returns for each row, its column or -1.
 * @throws {RangeError} for a short matrix or an invalid size.
 */
export function assignWithGate(cost: ArrayLike<number>, rows: number, cols: number, maxCost: number): Int32Array {
  assertInteger(rows, 'rows', 0);
  assertInteger(cols, 'cols', 0);
  if (cost.length < rows * cols) throw new RangeError(expectedMessage('cost', `${rows * cols} entries (rows x cols)`, `${cost.length} entries`));
  const out = new Int32Array(rows).fill(-1);
  if (rows === 0 || cols === 0) return out;
  const n = rows + cols;
  const BIG = 1e9;
  const half = maxCost / 2;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let c: number;
      if (i < rows && j < cols) {
        const x = cost[i * cols + j]!;
        c = x <= maxCost ? x : BIG;
      } else if (i < rows) c = j - cols === i ? half : BIG; // row i unmatched
      else if (j < cols) c = i - rows === j ? half : BIG; // column j unmatched
      else c = 0; // dummy-dummy
      m[i * n + j] = c;
    }
  }
  const sol = solveSquareAssignment(m, n);
  for (let i = 0; i < rows; i++) {
    const j = sol[i]!;
    if (j < cols && cost[i * cols + j]! <= maxCost) out[i] = j;
  }
  return out;
}
