/**
 * @packageDocumentation
 * Shared Tensor/Frame types, fused preprocessing, ONNX runtime on worker threads, model registry,
 * ffmpeg frame I/O, box IoU and the faces-v1 evaluation-data reader for facepipe.
 */
export { createTensor, tensorSize, type DType, type DataTypeMap, type Tensor } from './tensor/tensor.js';
export { createFrame, withResults, type Frame, type FrameResults } from './tensor/frame.js';
export type { ImageData8, Rect, FillMode } from './tensor/image.js';
export type { Face, FrameWithFaces, HeadPose } from './tensor/face.js';
export { FacepipeError, ModelLoadError, ShapeMismatchError, DecoderError, EncoderError, FfmpegNotFoundError, InferenceError, DisposedError, AnnotationFormatError } from './shared/errors.js';
export { assertNumber, assertInRange, assertInteger, assertOneOf, assertString, assertStringArray, assertObject, assertBufferLength, expectedMessage } from './shared/assert.js';
// --- box geometry and evaluation data ---
export { boxIou } from './geometry/box-iou.js';
export {
  loadFaceAnnotations,
  parseFaceAnnotations,
  type FaceAnnotations,
  type AnnotatedImage,
  type AnnotatedFace,
} from './eval/load-face-annotations.js';
// (end box geometry and evaluation data)
// --- images and preprocessing kernels ---
export { imageToTensor, type NormalizeOptions } from './image/image-to-tensor.js';
export { prepareInput, type InputFit, type InputResampler, type PrepareInputSpec, type PrepareInputScratch, type PrepareInputOptions, type PreparedInput } from './image/prepare-input.js';
export { resizeToTensor, type ResizeToTensorOptions, type ResizeToTensorScratch } from './image/resize-to-tensor.js';
export { readImage, type ImageSource } from './image/read-image.js';
export { resizeBilinear } from './image/resize-bilinear.js';
export { cropImage, type CropOptions } from './image/crop-image.js';
export { padImage, type Padding, type PadOptions } from './image/pad-image.js';
export { padToMultiple, type PadToMultipleOptions, type PaddedImage } from './image/pad-to-multiple.js';
export { letterboxImage, type LetterboxOptions, type LetterboxedImage } from './image/letterbox-image.js';
export { resizeImage, type ResizeKernel, type ResizeOptions } from './image/resize-image.js';
export { resizeWithSharp, type SharpResizeKernel, type SharpResizeOptions } from './image/resize-with-sharp.js';
export { warpAffine, type WarpOptions } from './image/warp-affine.js';
export { estimateSimilarity } from './image/estimate-similarity.js';
export { estimateAffine } from './image/estimate-affine.js';
export { invertAffine } from './image/invert-affine.js';
export { writeImage, type WriteImageOptions } from './image/write-image.js';
export { encodePng, type EncodePngOptions } from './image/encode-png.js';
// (end images and preprocessing kernels)
// --- model runtime and registry ---
export type { ModelRunner, RunOptions, TensorInfo, TensorMap } from './runtime/model-runner.js';
export { validateModelIo, type DimsPattern, type ModelIoExpectation } from './runtime/validate-model-io.js';
export { validateFeeds } from './runtime/validate-feeds.js';
export { createSessionRunner, liveSessionCount, sessionOptions, type SessionSettings } from './runtime/session-runner.js';
export { busyWorkerCount, createInferencePool, defaultWorkerCount, liveWorkerCount, type InferencePoolOptions } from './runtime/inference-pool.js';
export { discardPrewarmedWorkers, prewarmedWorkerCount, prewarmInferenceWorkers } from './runtime/prewarm-workers.js';
export type { ModelSpec, ModelInputSpec, ModelHead, ModelTask, ResizePolicy } from './models/model-spec.js';
export type { QuantizationRecipe } from './models/quantization-recipe.js';
export { ModelRegistry, modelRegistry } from './models/model-registry.js';
export { registerModel } from './models/register-model.js';
export { rawGithubUrl } from './models/raw-github-url.js';
export { sha256File } from './models/sha256-file.js';
export { modelCacheDir } from './models/model-cache.js';
export { downloadModel, modelDownloadUrl, type DownloadModelOptions } from './models/download-model.js';
export { proxyFetch } from './models/proxy-fetch.js';
export { resolveModel, modelDirsFromEnv, type ModelSource, type ResolveModelOptions, type ResolvedModel } from './models/resolve-model.js';
export { verifyModel, type ModelVerification } from './models/verify-model.js';
export { identifyModel, type IdentifyModelOptions, type ModelIdentification } from './models/identify-model.js';
export { registerHeadSignature, headSignature, dimFits, lastDim, type HeadSignature } from './models/head-signature.js';
export { fetchModel } from './models/fetch-model.js';
export { openModel, type OpenModelOptions, type OpenedModel } from './runtime/open-model.js';
export { openMergedModel, type OpenedMergedModel } from './runtime/open-merged-model.js';
export { prepareModelFile, type PrepareModelOptions, type PreparedModel } from './runtime/prepare-model-file.js';
export { makeBatchDynamic, DYNAMIC_BATCH_DIM } from './runtime/make-batch-dynamic.js';
export { mergeModels, mergedOutputName } from './runtime/merge-models.js';
export { threadBudget, type ThreadBudgetOptions } from './runtime/thread-budget.js';
export { checkModelSpec } from './runtime/check-model-spec.js';
export { mapOrdered, type MapOrderedOptions } from './runtime/map-ordered.js';
export { inParallel } from './runtime/in-parallel.js';
export { defaultConcurrency } from './runtime/default-concurrency.js';
// (end model runtime and registry)

// --- video (ffmpeg) ---
export { resolveFfmpeg, resolveFfprobe } from './video/resolve-ffmpeg.js';
export { liveFfmpegCount } from './video/ffmpeg-children.js';
export type { VideoInfo } from './video/video-info.js';
export { probeVideo } from './video/probe-video.js';
export { readFrames, type ReadFramesOptions } from './video/read-frames.js';
export { releaseFrame, releaseFrames } from './video/release-frame.js';
export { writeFrames, type WriteFramesOptions } from './video/write-frames.js';
export type { LiveOptions, LiveReconnectOptions, LiveEvent } from './video/live-options.js';
export { createLiveDropGate, type LiveDropGate, type LiveDropGateOptions, type LiveItemTimes } from './video/live-drop-gate.js';
export { createLiveMonitor, type LiveMonitor, type LiveMonitorOptions, type LiveStats } from './video/live-monitor.js';
export { arrivalClockMs, liveLatencyMs } from './video/live-latency.js';
// (end video)
