import os from 'node:os';
import { assertInteger, assertNumber } from '../shared/assert.js';

/** Options of {@link threadBudget}. */
export interface ThreadBudgetOptions {
  /** Cores to share (default `os.availableParallelism()`). */
  readonly cores?: number;
  /** Worker threads per model (each holds its own session; `0` counts as one in-process session). Default 1. */
  readonly workers?: number;
}

/**
 * Share the machine's cores among every session of a pipeline instead of giving each session
 * `cores / workers` threads (four models on 2 cores with 2 threads each made 8 busy threads, and
 * the detector ran 12.5 ms in the pipeline against 7 ms alone). Each session gets one intra-op
 * thread (its own worker thread); cores left over once every session has one go to the models
 * whose share of the cores by `weights` (relative cost per frame) exceeds one thread, so the total
 * stays at `max(cores, sessions)`.
 * Sessions run with spinning off (facepipe's default), so an idle one costs no CPU.
 *
 * ## Example
 * ```ts
 * threadBudget([1], { cores: 2 });            // [2]       detect only: both cores for the detector
 * threadBudget([3, 1, 1], { cores: 2 });      // [1, 1, 1] three models: one thread each
 * threadBudget([3, 1], { cores: 8, workers: 2 }); // [3, 1]  4 cores per worker, 3:1 by cost
 * threadBudget([6, 3, 2, 33], { cores: 8 }); // [1, 1, 1, 5] segmentation takes the spare cores
 * ```
 * @param weights relative per-frame cost of each model (> 0), in pipeline order.
 * @returns intra-op threads per session of each model.
 * @throws {RangeError} when a weight is not a positive number, or `cores`/`workers` not an integer in range.
 */
export function threadBudget(weights: readonly number[], options: ThreadBudgetOptions = {}): number[] {
  const cores = options.cores ?? os.availableParallelism();
  assertInteger(cores, 'cores', 1, 4096);
  const workers = Math.max(1, options.workers ?? 1);
  assertInteger(workers, 'workers', 1, 64);
  weights.forEach((w, i) => {
    assertNumber(w, `weights[${i}]`);
    if (!(w > 0 && Number.isFinite(w))) throw new RangeError(`Expected \`weights[${i}]\` to be a positive number, got \`${w}\``);
  });
  const threads = weights.map(() => 1);
  const perWorker = Math.floor(cores / workers);
  let spare = perWorker - weights.length;
  if (spare <= 0 || weights.length === 0) return threads;
  // each session's share of the cores by weight, less the one thread it already has
  const total = weights.reduce((a, b) => a + b, 0);
  const extra = weights.map((w) => Math.max(0, (perWorker * w) / total - 1));
  const extraTotal = extra.reduce((a, b) => a + b, 0);
  const exact = extra.map((e) => (spare * e) / extraTotal);
  exact.forEach((e, i) => (threads[i]! += Math.floor(e)));
  spare -= exact.reduce((a, e) => a + Math.floor(e), 0);
  // largest remainder, ties to the heavier model, then to the earlier one
  const order = exact.map((e, i) => [e - Math.floor(e), weights[i]!, i] as const).sort((a, b) => b[0] - a[0] || b[1] - a[1] || a[2] - b[2]);
  for (let k = 0; k < spare; k++) threads[order[k]![2]]! += 1;
  return threads;
}
