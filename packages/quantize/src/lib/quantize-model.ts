import fs from 'node:fs';
import path from 'node:path';
import { assertObject, assertOneOf, assertString, resolveModel, type ModelInputSpec, type QuantizationRecipe, type Tensor } from '@facepipe/core';
import type { ActivationType } from './activation-params.js';
import { buildQdqModel } from './build-qdq-model.js';
import { calibrateRange, type CalibrationMethod, type TensorRange } from './calibrators.js';
import { collectStatistics } from './collect-statistics.js';
import { CalibrationError, UnsupportedModelError } from './errors.js';
import { loadCalibrationSamples, type CalibrationSampleOptions, type CalibrationSource } from './load-calibration-samples.js';
import { foldBatchNorm } from './fold-batch-norm.js';
import { unshareWeights } from './unshare-weights.js';
import { encodeOnnxModel, readOnnxModel, type OnnxModel } from './onnx-model.js';
import { planQuantization, type PlanOptions, type QuantizeMode } from './plan-quantization.js';
import { assertOpsetUpgradable } from './upgrade-opset.js';
import type { TensorStatistics } from './tensor-statistics.js';
import { writeValidatedModel } from './write-validated-model.js';

/** Options of {@link quantizeModel}. */
export interface QuantizeOptions extends CalibrationSampleOptions {
  /** Where to write the int8 model (written atomically, only after onnxruntime loaded and ran it). */
  readonly output: string;
  /** Calibration data (required in static mode unless `samples` or `statistics` is given). */
  readonly calibration?: CalibrationSource;
  /** Already-preprocessed calibration inputs (instead of `calibration`). */
  readonly samples?: readonly Tensor<'float32'>[];
  /** Statistics from an earlier run on the same model (e.g. to compare calibrators without re-running inference). */
  readonly statistics?: ReadonlyMap<string, TensorStatistics>;
  /** `static` (default): int8 weights and activations; `dynamic`: weight-only int8. */
  readonly mode?: QuantizeMode;
  /** Calibrator (default `percentile`). */
  readonly method?: CalibrationMethod;
  /** Percentile for the `percentile` calibrator (default 99.99). */
  readonly percentile?: number;
  /** Activation type (default `uint8`). */
  readonly activationType?: ActivationType;
  /** Weight bits (default 7 with uint8 activations — see {@link BuildQdqOptions.weightBits} — else 8). */
  readonly weightBits?: 7 | 8;
  /** Nodes kept in fp32 (see {@link PlanOptions.fp32Nodes}). */
  readonly fp32Nodes?: readonly string[];
  /** Op types kept in fp32 (see {@link PlanOptions.fp32OpTypes}). */
  readonly fp32OpTypes?: readonly string[];
  /** Nodes kept in fp32 with float32 weights (see {@link PlanOptions.fp32WeightNodes}). */
  readonly fp32WeightNodes?: readonly string[];
  /** Fold `Conv -> BatchNormalization` pairs first (default true in static mode; see {@link foldBatchNorm}). */
  readonly foldBatchNorm?: boolean;
  /** ai.onnx opset of the int8 graph (default 10; `false` keeps the model's; see {@link upgradeOpset}). */
  readonly targetOpset?: number | false;
  /**
   * The model's quantization recipe (default: the registry spec's `quantization`): fills every option
   * above that the call leaves undefined. `null` ignores the registered recipe.
   */
  readonly recipe?: QuantizationRecipe | null;
  /** Input spec used to preprocess calibration frames when the model is not in the registry. */
  readonly input?: ModelInputSpec;
  readonly intraOpThreads?: number;
}

/** What {@link quantizeModel} did. */
export interface QuantizeResult {
  /** Registry id or file name of the source model. */
  readonly model: string;
  readonly inputPath: string;
  readonly outputPath: string;
  readonly mode: QuantizeMode;
  readonly method: CalibrationMethod | 'none';
  readonly activationType: ActivationType;
  readonly weightBits: 7 | 8;
  readonly fp32Bytes: number;
  readonly int8Bytes: number;
  /** int8 size / fp32 size. */
  readonly sizeRatio: number;
  /** Op type -> nodes computed in int8 / left in fp32. */
  readonly quantizedOps: Readonly<Record<string, number>>;
  readonly fp32Ops: Readonly<Record<string, number>>;
  readonly quantizedWeights: number;
  readonly quantizedActivations: number;
  readonly fusedRelus: number;
  /** The recipe that filled the options not given explicitly (absent: none registered). */
  readonly recipe?: QuantizationRecipe;
  /** BatchNormalization nodes folded into the preceding Conv. */
  readonly foldedBatchNorms: number;
  /** ai.onnx opset before -> after (raised to 10 for QLinearConv in static mode). */
  readonly opset: { readonly from: number; readonly to: number };
  /** Calibrated float range of every quantized activation. */
  readonly ranges: Readonly<Record<string, TensorRange>>;
  readonly calibrationSamples: number;
  readonly durationMs: number;
  /** Raw statistics, reusable through `options.statistics` (not JSON-friendly). */
  readonly statistics?: ReadonlyMap<string, TensorStatistics>;
  /** The fp32 and quantized graphs, for {@link compareModels}. */
  readonly fp32Model: OnnxModel;
  readonly int8Model: OnnxModel;
}

function aiOnnxOpset(model: OnnxModel): number {
  return Number(model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx')?.version ?? 0);
}

/**
 * Post-training int8 quantization of an ONNX model, in QDQ form: calibrate activation ranges on real
 * inputs, quantize weights per channel, write the model atomically after onnxruntime-node has loaded
 * and run it.
 *
 * ## Example
 * ```ts
 * const result = await quantizeModel('ultraface-rfb-320-sim', {
 *   output: 'out/ultraface-rfb-320-sim.int8.onnx',
 *   calibration: '../shared/data/calibration/ultraface_imgs',
 *   maxSamples: 16,
 *   method: 'percentile',
 * });
 * result.sizeRatio; // ~0.35
 * ```
 * @throws {NotOnnxError} when the model file is not ONNX; {@link ModelLoadError} when it cannot be found
 *   or the quantized model does not load/run.
 * @throws {CalibrationError} on an empty calibration set or a static run without calibration data.
 * @throws {DecoderError} when a calibration file is not a decodable image/video.
 * @throws {UnsupportedModelError} when the graph cannot be quantized at all (see {@link upgradeOpset}), or
 *   when the fp32 options leave no node to quantize.
 */
export async function quantizeModel(model: string, options: QuantizeOptions): Promise<QuantizeResult> {
  const started = performance.now();
  assertString(model, 'model');
  assertObject(options, 'options');
  assertString(options.output, 'options.output');
  const resolved = await resolveModel(model);
  const name = resolved.spec?.id ?? path.basename(resolved.path);
  const recipe = options.recipe === null ? undefined : (options.recipe ?? resolved.spec?.quantization);
  const mode = options.mode ?? 'static';
  assertOneOf(mode, 'mode', ['static', 'dynamic'] as const);
  const method = options.method ?? recipe?.method ?? 'percentile';
  assertOneOf(method, 'method', ['minmax', 'percentile', 'entropy'] as const);
  const activationType = options.activationType ?? recipe?.activationType ?? 'uint8';
  assertOneOf(activationType, 'activationType', ['uint8', 'int8'] as const);
  const weightBits = options.weightBits ?? recipe?.weightBits ?? (mode === 'static' && activationType === 'uint8' ? 7 : 8);
  assertOneOf(weightBits, 'weightBits', [7, 8] as const);
  const targetOpset = options.targetOpset ?? recipe?.targetOpset ?? 10;
  const fp32Nodes = options.fp32Nodes ?? recipe?.fp32Nodes;
  const fp32OpTypes = options.fp32OpTypes ?? recipe?.fp32OpTypes;
  const fp32WeightNodes = options.fp32WeightNodes ?? recipe?.fp32WeightNodes;
  const maxSamples = options.maxSamples ?? recipe?.maxSamples;

  const fp32 = readOnnxModel(resolved.path);
  // the graph that gets quantized: BatchNorm folded into its Conv (same function, fewer ops to fuse)
  const source = readOnnxModel(resolved.path);
  unshareWeights(source);
  const foldedBatchNorms = mode === 'static' && (options.foldBatchNorm ?? recipe?.foldBatchNorm ?? true) ? foldBatchNorm(source) : 0;
  const plan = planQuantization(source, mode, { fp32Nodes, fp32OpTypes, fp32WeightNodes });
  if (Object.keys(plan.quantizedOps).length === 0) {
    const kept = Object.entries(plan.fp32Ops).map(([op, n]) => `${op} ${n}`);
    throw new UnsupportedModelError(
      `Nothing to quantize in ${name}: every node stays fp32 (${kept.join(', ') || 'no nodes'}); expected at least one quantizable node (Conv, Gemm, MatMul, Add, Concat, pooling...) outside fp32Nodes / fp32OpTypes`,
      Object.keys(plan.fp32Ops),
    );
  }
  // fail before the (slow) calibration when the QDQ model could not be made loadable
  if (mode === 'static' && targetOpset !== false) assertOpsetUpgradable(source, targetOpset);
  let samples: readonly Tensor<'float32'>[] = options.samples ?? [];
  let statistics = options.statistics;
  if (mode === 'static' && !statistics) {
    if (samples.length === 0) {
      if (options.calibration === undefined) throw new CalibrationError('Static quantization needs calibration data: pass `calibration` or `samples`', '(none)');
      if (recipe?.calibration === 'face-crops' && !options.preprocess) {
        throw new CalibrationError(
          `${resolved.spec?.id ?? model} calibrates on face crops (its quantization recipe): pass \`preprocess\` (e.g. \`faceCropPreprocess\` from @facepipe/landmarks) or preprocessed \`samples\``,
          typeof options.calibration === 'string' ? options.calibration : 'calibration',
        );
      }
      samples = await loadCalibrationSamples(options.calibration, options.input ?? resolved.spec?.input, { ...options, ...(maxSamples !== undefined ? { maxSamples } : {}) });
    }
    statistics = await collectStatistics(source, plan.activations, samples, { histogram: method !== 'minmax', intraOpThreads: options.intraOpThreads });
  }
  const ranges = new Map<string, TensorRange>();
  if (mode === 'static') {
    for (const a of plan.activations) {
      const s = statistics!.get(a);
      if (!s) throw new CalibrationError(`The given statistics have no entry for activation ${a}`, 'statistics');
      if (s.count === 0) throw new CalibrationError('Empty calibration set: no sample was observed', 'statistics');
      ranges.set(a, calibrateRange(s, method, { percentile: options.percentile }));
    }
  }
  const int8 = buildQdqModel(source, plan, ranges, { activationType, weightBits, targetOpset });
  const bytes = encodeOnnxModel(int8);
  await writeValidatedModel(bytes, options.output, { sample: samples[0] });
  const fp32Bytes = fs.statSync(resolved.path).size;
  return {
    model: name,
    inputPath: resolved.path,
    outputPath: path.resolve(options.output),
    mode,
    method: mode === 'static' ? method : 'none',
    activationType,
    weightBits,
    fp32Bytes,
    int8Bytes: bytes.length,
    sizeRatio: bytes.length / fp32Bytes,
    quantizedOps: plan.quantizedOps,
    fp32Ops: plan.fp32Ops,
    quantizedWeights: plan.weights.length,
    quantizedActivations: plan.activations.length,
    fusedRelus: plan.fusedRelus.length,
    ...(recipe ? { recipe } : {}),
    foldedBatchNorms,
    opset: { from: aiOnnxOpset(fp32), to: aiOnnxOpset(int8) },
    ranges: Object.fromEntries(ranges),
    calibrationSamples: samples.length,
    durationMs: performance.now() - started,
    ...(statistics ? { statistics } : {}),
    fp32Model: fp32,
    int8Model: int8,
  };
}
