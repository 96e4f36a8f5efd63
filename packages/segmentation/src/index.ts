/**
 * @packageDocumentation
 * Portrait segmentation (UNET-style Prisma-Net, SINet), mask post-processing and background
 * compositing for facepipe: `PortraitSegmenter`, the `segmentPortrait`, `blurBackground` and
 * `replaceBackground` operators, mask export (PNG, matte video), `evaluateMasks` and `segmentationMetric`.
 *
 * Importing this entry registers the package's models (Prisma-Net, SINet, DeepLab) in core's `modelRegistry`.
 */
import './register.js';
export type { Mask, FrameWithMask } from './lib/mask.js';
export { maskCoverage } from './lib/mask-coverage.js';
export type { ProbabilityMap } from './lib/probability-map.js';
export { SEGMENTATION_PRESETS, type SegmentationModelConfig } from './lib/segmentation-model.js';
export { isSegmentationHead, type SegmentationHead } from './models/segmentation-head.js';
export { SEGMENTATION_MODELS } from './models/segmentation-models.js';
export { PRISMA_MODELS, DEFAULT_SEGMENTATION_MODEL } from './models/prisma/prisma-models.js';
export { SINET_MODELS } from './models/sinet/sinet-models.js';
export { DEEPLAB_MODELS } from './models/deeplab/deeplab-models.js';
export { PortraitSegmenter, type PortraitSegmenterOptions, type InputPolicy, type PaddingMode } from './lib/portrait-segmenter.js';
// --- post-processing kernels ---
export { upsampleProbability, type UpsampleProbabilityOptions } from './lib/upsample-probability.js';
export { keepLargestComponent, type KeepLargestComponentOptions } from './lib/keep-largest-component.js';
export { boxBlur, type BoxBlurOptions } from './lib/box-blur.js';
export { createTemporalSmoother, type TemporalSmoother, type TemporalSmootherOptions } from './lib/temporal-smoother.js';
export { postprocessMask, type MaskPostprocessOptions } from './lib/postprocess-mask.js';
export { compositeMask, type RgbColor } from './lib/composite-mask.js';
// --- operators ---
export { segmentPortrait, type SegmentPortraitOptions } from './lib/segment-portrait.js';
export { blurBackground, type BlurBackgroundOptions } from './lib/blur-background.js';
export { replaceBackground, type BackgroundSource, type ReplaceBackgroundOptions } from './lib/replace-background.js';
// --- export ---
export { maskToImage } from './lib/mask-to-image.js';
export { writeMaskPng } from './lib/write-mask-png.js';
export { writeMaskPngs } from './lib/write-mask-pngs.js';
export { matteFrame } from './lib/matte-frame.js';
export { writeMatteVideo } from './lib/write-matte-video.js';
// --- evaluation ---
export { evaluateMasks, maskIou, readSegmentationIndex, type EvaluateMasksOptions, type MaskEvaluation, type MaskScore, type SegmentationPair } from './lib/evaluate-masks.js';
export { segmentationMetric, type SegmentationMetric, type SegmentationMetricOptions } from './lib/segmentation-metric.js';
