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
export { cropImage, type CropOptions } from './lib/crop-image.js';
export { padImage, type Padding, type PadOptions } from './lib/pad-image.js';
export { padToMultiple, type PadToMultipleOptions, type PaddedImage } from './lib/pad-to-multiple.js';
export { letterboxImage, type LetterboxOptions, type LetterboxedImage } from './lib/letterbox-image.js';
export { resizeImage, type ResizeKernel, type ResizeOptions } from './lib/resize-image.js';
export { resizeWithSharp, type SharpResizeKernel, type SharpResizeOptions } from './lib/resize-with-sharp.js';
export { warpAffine, type WarpOptions } from './lib/warp-affine.js';
export { estimateSimilarity } from './lib/estimate-similarity.js';
export { estimateAffine } from './lib/estimate-affine.js';
export { invertAffine } from './lib/invert-affine.js';
export { writeImage, type WriteImageOptions } from './lib/write-image.js';
export { encodePng, type EncodePngOptions } from './lib/encode-png.js';
// (end images and preprocessing kernels)
// --- model runtime and registry ---
export { InferenceError, type ModelRunner, type TensorInfo, type TensorMap } from './lib/model-runner.js';
export { validateModelIo, type DimsPattern, type ModelIoExpectation } from './lib/validate-model-io.js';
export { validateFeeds } from './lib/validate-feeds.js';
export { createSessionRunner, liveSessionCount, sessionOptions, type SessionSettings } from './lib/session-runner.js';
export { createInferencePool, defaultWorkerCount, liveWorkerCount, type InferencePoolOptions } from './lib/inference-pool.js';
export type { ModelSpec, ModelInputSpec, ModelHead, ModelTask, ResizePolicy } from './lib/model-spec.js';
export { BUILTIN_MODELS } from './lib/builtin-models.js';
export { ModelRegistry, modelRegistry } from './lib/model-registry.js';
export { sha256File } from './lib/sha256-file.js';
export { modelCacheDir } from './lib/model-cache.js';
export { downloadModel, modelDownloadUrl, type DownloadModelOptions } from './lib/download-model.js';
export { resolveModel, modelDirsFromEnv, type ResolveModelOptions, type ResolvedModel } from './lib/resolve-model.js';
export { verifyModel, type ModelVerification } from './lib/verify-model.js';
export { fetchModel } from './lib/fetch-model.js';
export { openModel, type OpenModelOptions, type OpenedModel } from './lib/open-model.js';
export { mapOrdered, type MapOrderedOptions } from './lib/map-ordered.js';
// (end model runtime and registry)

// --- video (ffmpeg) ---
export { resolveFfmpeg, resolveFfprobe } from './lib/resolve-ffmpeg.js';
export { liveFfmpegCount } from './lib/ffmpeg-children.js';
export type { VideoInfo } from './lib/video-info.js';
export { probeVideo } from './lib/probe-video.js';
export { readFrames, type ReadFramesOptions } from './lib/read-frames.js';
export { releaseFrame, releaseFrames } from './lib/release-frame.js';
export { writeFrames, type WriteFramesOptions } from './lib/write-frames.js';
// (end video)
