/**
 * @packageDocumentation
 * Shared Tensor/Frame types, fused preprocessing, ONNX runtime on worker threads, model registry
 * and ffmpeg frame I/O for facepipe.
 */
export { createTensor, tensorSize, type DType, type DataTypeMap, type Tensor } from './lib/tensor.js';
export { createFrame, withResults, type Frame, type FrameResults } from './lib/frame.js';
export type { ImageData8, Rect, FillMode } from './lib/image.js';
export { FacepipeError, ModelLoadError, ShapeMismatchError, DecoderError, EncoderError, FfmpegNotFoundError } from './lib/errors.js';
export { assertNumber, assertInRange, assertInteger, assertOneOf, assertString, assertObject, assertBufferLength, expectedMessage } from './lib/assert.js';
// --- images and preprocessing kernels ---
export { imageToTensor, type NormalizeOptions } from './lib/image-to-tensor.js';
export { readImage } from './lib/read-image.js';
export { resizeBilinear } from './lib/resize-bilinear.js';
// (end images and preprocessing kernels)
// --- model runtime and registry ---
export type { ModelRunner, TensorInfo, TensorMap } from './lib/model-runner.js';
export { validateModelIo, type DimsPattern, type ModelIoExpectation } from './lib/validate-model-io.js';
export { createSessionRunner, liveSessionCount, sessionOptions, type SessionSettings } from './lib/session-runner.js';
export { createInferencePool, defaultWorkerCount, liveWorkerCount, type InferencePoolOptions } from './lib/inference-pool.js';
export type { ModelSpec, ModelInputSpec, ModelHead, ModelTask, ResizePolicy } from './lib/model-spec.js';
export { BUILTIN_MODELS } from './lib/builtin-models.js';
export { ModelRegistry, modelRegistry } from './lib/model-registry.js';
export { resolveModel, modelDirsFromEnv, type ResolveModelOptions, type ResolvedModel } from './lib/resolve-model.js';
export { openModel, type OpenModelOptions, type OpenedModel } from './lib/open-model.js';
// (end model runtime and registry)

// --- video (ffmpeg) ---
// (end video)
