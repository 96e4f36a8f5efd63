import { assertInteger, createSessionRunner, type ModelRunner, type Tensor } from '@facepipe/core';

/** Median latency of each model at one thread count. */
export interface LatencyRow {
  readonly threads: number;
  /** Median milliseconds per inference, by label. */
  readonly medianMs: Readonly<Record<string, number>>;
  /** 10th/90th percentile milliseconds, by label. */
  readonly p10Ms: Readonly<Record<string, number>>;
  readonly p90Ms: Readonly<Record<string, number>>;
  readonly runs: number;
}

/** Options of {@link measureLatency}. */
export interface LatencyOptions {
  /** intra-op thread counts to measure (default [1, 2]). */
  readonly threads?: readonly number[];
  /** Timed runs per model and thread count (default 30). */
  readonly runs?: number;
  /** Untimed runs first (default 5). */
  readonly warmup?: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

/**
 * Latency of several models on the same input, measured side by side in one process: for each thread
 * count all sessions are created, warmed up, then timed **interleaved** (A, B, A, B…), so background
 * load hits every model alike. In-process sessions, sequential execution.
 *
 * ## Example
 * ```ts
 * const rows = await measureLatency({ fp32: 'a.onnx', int8: 'a.int8.onnx' }, sample, { threads: [1, 2] });
 * rows[0].medianMs; // { fp32: 6.1, int8: 4.0 }
 * ```
 * @throws {ModelLoadError} when a model does not load.
 */
export async function measureLatency(models: Readonly<Record<string, string>>, sample: Tensor<'float32'>, options: LatencyOptions = {}): Promise<LatencyRow[]> {
  const threads = options.threads ?? [1, 2];
  const runs = options.runs ?? 30;
  const warmup = options.warmup ?? 5;
  assertInteger(runs, 'runs');
  assertInteger(warmup, 'warmup');
  const rows: LatencyRow[] = [];
  for (const t of threads) {
    assertInteger(t, 'threads');
    const runners: [string, ModelRunner][] = [];
    try {
      for (const [label, file] of Object.entries(models)) runners.push([label, await createSessionRunner(file, { intraOpThreads: t, modelId: label })]);
      const times = new Map(runners.map(([label]) => [label, [] as number[]]));
      for (let i = 0; i < warmup + runs; i++) {
        for (const [label, runner] of runners) {
          const t0 = performance.now();
          await runner.run({ [runner.inputs[0].name]: sample }, { copyInputs: true });
          if (i >= warmup) times.get(label)!.push(performance.now() - t0);
        }
      }
      const stat = (q: number) => Object.fromEntries([...times].map(([label, v]) => [label, quantile([...v].sort((a, b) => a - b), q)]));
      rows.push({ threads: t, medianMs: stat(0.5), p10Ms: stat(0.1), p90Ms: stat(0.9), runs });
    } finally {
      for (const [, r] of runners) await r.dispose();
    }
  }
  return rows;
}
