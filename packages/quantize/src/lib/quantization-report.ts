import { type Tensor } from '@facepipe/core';
import { compareModels, type LayerError } from './compare-models.js';
import type { ErrorStats } from './error-accumulator.js';
import { measureLatency, type LatencyOptions } from './measure-latency.js';
import type { QuantizeResult } from './quantize-model.js';
import type { TaskMetric } from './task-metric.js';

/** One task metric in a {@link QuantizationReport}. */
export interface TaskFigure {
  readonly name: string;
  readonly higherIsBetter: boolean;
  readonly fp32: number;
  readonly int8: number;
  /** `int8 - fp32`. */
  readonly delta: number;
  /** The metric's tolerance, when it has one. */
  readonly tolerance?: number;
  /** Whether int8 lost at most `tolerance` (in the metric's worse direction); present with `tolerance`. */
  readonly withinTolerance?: boolean;
}

/** JSON report of one quantization. */
export interface QuantizationReport {
  readonly model: string;
  readonly mode: QuantizeResult['mode'];
  readonly method: QuantizeResult['method'];
  readonly activationType: QuantizeResult['activationType'];
  readonly weightBits: 7 | 8;
  readonly calibrationSamples: number;
  readonly size: { readonly fp32Bytes: number; readonly int8Bytes: number; readonly ratio: number };
  readonly ops: { readonly quantized: Readonly<Record<string, number>>; readonly fp32: Readonly<Record<string, number>> };
  readonly opset: QuantizeResult['opset'];
  /** Error of each graph output on the evaluation inputs. */
  readonly outputs: Readonly<Record<string, ErrorStats>>;
  /** Error of each quantized intermediate tensor, in graph order. */
  readonly layers: readonly LayerError[];
  readonly evaluationSamples: number;
  /** Task metrics fp32 vs int8 (`delta = int8 - fp32`); `withinTolerance` when the metric has a `tolerance`. */
  readonly task?: readonly TaskFigure[];
  /** Latency measured side by side (median ms). */
  readonly latency?: readonly { readonly threads: number; readonly fp32Ms: number; readonly int8Ms: number; readonly speedup: number }[];
}

/** Options of {@link createQuantizationReport}. */
export interface ReportOptions {
  /** Inputs the fp32 and int8 models are compared on (preprocessed, e.g. from {@link loadCalibrationSamples} on held-out photos). */
  readonly samples: readonly Tensor<'float32'>[];
  /** Intermediate tensors to compare (default: every quantized activation). */
  readonly layers?: readonly string[];
  /** Task metrics (fp32 vs int8). */
  readonly metrics?: readonly TaskMetric[];
  /** Measure latency (default off; `true` = 1 and 2 threads, 30 runs). */
  readonly latency?: boolean | LatencyOptions;
  readonly intraOpThreads?: number;
}

/**
 * Build the accuracy/size/speed report of a quantization: per-output and per-layer error on the same
 * inputs, optional task metrics through caller-supplied evaluators, optional latency side by side.
 *
 * ## Example
 * ```ts
 * const q = await quantizeModel('prisma-unet-256', { output, calibration });
 * const report = await createQuantizationReport(q, { samples, metrics: [{ name: 'mIoU', higherIsBetter: true, evaluate }], latency: true });
 * console.log(formatReport(report));
 * ```
 * @throws {ModelLoadError} when either model does not load.
 */
export async function createQuantizationReport(result: QuantizeResult, options: ReportOptions): Promise<QuantizationReport> {
  const layers = options.layers ?? Object.keys(result.ranges);
  const cmp = await compareModels(result.fp32Model, result.int8Model, options.samples, { layers, intraOpThreads: options.intraOpThreads });
  const task: TaskFigure[] = [];
  for (const m of options.metrics ?? []) {
    const fp32 = await m.evaluate(result.inputPath);
    const int8 = await m.evaluate(result.outputPath);
    const delta = int8 - fp32;
    const loss = m.higherIsBetter ? -delta : delta;
    task.push({ name: m.name, higherIsBetter: m.higherIsBetter, fp32, int8, delta, ...(m.tolerance !== undefined ? { tolerance: m.tolerance, withinTolerance: loss <= m.tolerance } : {}) });
  }
  let latency: QuantizationReport['latency'];
  if (options.latency) {
    const rows = await measureLatency({ fp32: result.inputPath, int8: result.outputPath }, options.samples[0], options.latency === true ? {} : options.latency);
    latency = rows.map((r) => ({ threads: r.threads, fp32Ms: r.medianMs.fp32, int8Ms: r.medianMs.int8, speedup: r.medianMs.fp32 / r.medianMs.int8 }));
  }
  return {
    model: result.model,
    mode: result.mode,
    method: result.method,
    activationType: result.activationType,
    weightBits: result.weightBits,
    calibrationSamples: result.calibrationSamples,
    size: { fp32Bytes: result.fp32Bytes, int8Bytes: result.int8Bytes, ratio: result.sizeRatio },
    ops: { quantized: result.quantizedOps, fp32: result.fp32Ops },
    opset: result.opset,
    outputs: cmp.outputs,
    layers: cmp.layers,
    evaluationSamples: cmp.samples,
    ...(task.length ? { task } : {}),
    ...(latency ? { latency } : {}),
  };
}
