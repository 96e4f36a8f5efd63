/**
 * @packageDocumentation
 * Int8 post-training quantization of ONNX models with accuracy and speed reports, in TypeScript:
 * read/write ONNX with `onnx-proto`, calibrate activation ranges on real images/video/frame streams
 * (MinMax, Percentile, Entropy), write QDQ models with per-channel int8 weights that load in
 * onnxruntime-node, and compare fp32 vs int8 per output, per layer, on a task metric and in latency.
 */
export { NotOnnxError, CalibrationError, UnsupportedModelError } from './lib/errors.js';
export { readOnnxModel, encodeOnnxModel, cloneOnnxModel, graphOf, onnx, type OnnxModel, type OnnxGraph, type OnnxNode, type OnnxTensor } from './lib/onnx-model.js';
export { DataType, tensorDims, floatTensorData, makeTensor } from './lib/tensor-proto.js';
export { exposeTensors } from './lib/expose-tensors.js';
export { quantizePerChannel, type PerChannelQuantized } from './lib/quantize-per-channel.js';
export { activationParams, type ActivationType, type QuantParams } from './lib/activation-params.js';
export { TensorStatistics, HISTOGRAM_BINS } from './lib/tensor-statistics.js';
export { calibrateRange, type CalibrationMethod, type CalibrateOptions, type TensorRange } from './lib/calibrators.js';
export { collectStatistics, type CollectStatisticsOptions } from './lib/collect-statistics.js';
export { planQuantization, type PlanOptions, type QuantizationPlan, type QuantizeMode, type WeightPlan } from './lib/plan-quantization.js';
export { upgradeOpset, assertOpsetUpgradable } from './lib/upgrade-opset.js';
export { foldBatchNorm } from './lib/fold-batch-norm.js';
export { unshareWeights } from './lib/unshare-weights.js';
export { buildQdqModel, MS_DOMAIN, QDQ_SUFFIX, type BuildQdqOptions } from './lib/build-qdq-model.js';
export { openInMemoryModel } from './lib/temp-model-file.js';
export { writeValidatedModel } from './lib/write-validated-model.js';
export { preprocessForInput } from './lib/preprocess-for-input.js';
export {
  loadCalibrationSamples,
  type CalibrationSource,
  type CalibrationPreprocess,
  type CalibrationSampleOptions,
} from './lib/load-calibration-samples.js';
export { quantizeModel, type QuantizeOptions, type QuantizeResult } from './lib/quantize-model.js';
export { ErrorAccumulator, type ErrorStats } from './lib/error-accumulator.js';
export { compareModels, type LayerError, type ModelComparison } from './lib/compare-models.js';
export { measureLatency, type LatencyOptions, type LatencyRow } from './lib/measure-latency.js';
export type { TaskMetric } from './lib/task-metric.js';
export { createQuantizationReport, type QuantizationReport, type ReportOptions, type TaskFigure } from './lib/quantization-report.js';
export { formatReport } from './lib/format-report.js';
