import { assertInRange, assertObject, assertOneOf, assertString, expectedMessage, modelRegistry } from '@facepipe/core';
import { evaluateMasks, type SegmentationPair } from './evaluate-masks.js';
import { PortraitSegmenter } from './portrait-segmenter.js';
import { SEGMENTATION_PRESETS } from './segmentation-model.js';
import { isSegmentationHead } from '../models/segmentation-head.js';
import { DEFAULT_SEGMENTATION_MODEL } from '../models/prisma/prisma-models.js';

/** Options of {@link segmentationMetric}. */
export interface SegmentationMetricOptions {
  /** A `seg-pairs-v1` index (e.g. `shared/data/segmentation/hsd/index.json`) or the pairs themselves. */
  readonly index: string | readonly SegmentationPair[];
  /** Registry id whose input/head describe the model files (default `prisma-unet-256`; a quantized file is not in the registry). */
  readonly preset?: (typeof SEGMENTATION_PRESETS)[number];
  /** `'model'` (default): mean IoU at model resolution, the ASSETS.md protocol; `'photo'`: at photo resolution. */
  readonly resolution?: 'model' | 'photo';
  /** Probability threshold for "person" (default 0.5). */
  readonly threshold?: number;
  /** Largest acceptable drop of the mIoU (e.g. fp32 → int8); no limit when absent. */
  readonly tolerance?: number;
  /** Name in reports (default `mIoU (<resolution> resolution)`). */
  readonly name?: string;
}

/**
 * A segmentation figure measured on a model file. It has the shape of `@facepipe/quantize`'s
 * `TaskMetric` (without this package depending on quantize).
 */
export interface SegmentationMetric {
  readonly name: string;
  /** mIoU: larger is better. */
  readonly higherIsBetter: true;
  readonly tolerance?: number;
  /** Run a `PortraitSegmenter` on `modelPath` over every pair and return the mean IoU. */
  readonly evaluate: (modelPath: string) => Promise<number>;
}

/**
 * Segmentation task metric: a {@link PortraitSegmenter} on the model file, configured from the
 * preset's registry entry (input normalisation and head), scored with {@link evaluateMasks}.
 *
 * ## Example
 * ```ts
 * const metric = segmentationMetric({ index: '../shared/data/segmentation/hsd/index.json' });
 * await metric.evaluate('../shared/models/segmentation/prisma-net_256_nchw.onnx'); // 0.9133
 * ```
 * @param options - the pairs and the protocol; validated here.
 * @returns a metric whose `evaluate(modelPath)` gives the mean IoU.
 * @throws {TypeError | RangeError} for invalid options.
 * @throws {DecoderError} (from `evaluate`) when the index, an image or a mask cannot be read.
 * @throws {ModelLoadError} (from `evaluate`) when the model does not fit the preset.
 * @see evaluateMasks
 */
export function segmentationMetric(options: SegmentationMetricOptions): SegmentationMetric {
  assertObject(options, 'options');
  if (typeof options.index !== 'string' && !Array.isArray(options.index)) {
    throw new TypeError(expectedMessage('index', 'a seg-pairs-v1 index path or an array of { image, mask }', options.index));
  }
  if (typeof options.index === 'string') assertString(options.index, 'index');
  const preset = options.preset ?? DEFAULT_SEGMENTATION_MODEL;
  assertOneOf(preset, 'preset', SEGMENTATION_PRESETS);
  const resolution = options.resolution ?? 'model';
  assertOneOf(resolution, 'resolution', ['model', 'photo'] as const);
  const threshold = options.threshold ?? 0.5;
  assertInRange(threshold, 'threshold', Number.MIN_VALUE, 1);
  if (options.tolerance !== undefined) assertInRange(options.tolerance, 'tolerance', 0, Infinity);
  if (options.name !== undefined) assertString(options.name, 'name');
  const spec = modelRegistry.get(preset);
  if (!spec || !isSegmentationHead(spec.head)) throw new RangeError(expectedMessage('preset', 'a registered segmentation model id', preset));
  const config = { input: spec.input, head: spec.head };
  return {
    name: options.name ?? `mIoU (${resolution} resolution)`,
    higherIsBetter: true,
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
    async evaluate(modelPath) {
      assertString(modelPath, 'modelPath');
      const segmenter = await PortraitSegmenter.create({ model: modelPath, workers: 0, config });
      try {
        const r = await evaluateMasks(segmenter, options.index, { threshold });
        return resolution === 'model' ? r.meanIouModel : r.meanIou;
      } finally {
        await segmenter.dispose();
      }
    },
  };
}
