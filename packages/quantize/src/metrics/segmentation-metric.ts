import { modelRegistry } from '@facepipe/core';
import { evaluateMasks, isSegmentationHead, PortraitSegmenter } from '@facepipe/segmentation';
import type { TaskMetric } from '../lib/quantization-report.js';

/** Options of {@link segmentationMetric}. */
export interface SegmentationMetricOptions {
  /** `seg-pairs-v1` index (e.g. `shared/data/segmentation/hsd/index.json`). */
  readonly index: string;
  /** Registry id whose input/head describe the model file (default `prisma-unet-256`). */
  readonly preset?: string;
  /** `'model'` (default): mean IoU at model resolution; `'photo'`: at photo resolution. */
  readonly resolution?: 'model' | 'photo';
  readonly name?: string;
}

/**
 * Segmentation task metric through `@facepipe/segmentation`: a `PortraitSegmenter` on the model
 * file (configured from the preset's registry entry, since a quantized file is not in the registry)
 * scored with `evaluateMasks`.
 *
 * ## Example
 * ```ts
 * const metric = segmentationMetric({ index: 'shared/data/segmentation/hsd/index.json' });
 * await metric.evaluate('prisma.int8.onnx'); // ~0.91
 * ```
 * @throws {ModelLoadError} (from `evaluate`) when the preset is unknown or the model does not fit it.
 */
export function segmentationMetric(options: SegmentationMetricOptions): TaskMetric {
  const resolution = options.resolution ?? 'model';
  return {
    name: options.name ?? `mIoU via evaluateMasks (${resolution} resolution)`,
    higherIsBetter: true,
    async evaluate(modelPath) {
      const spec = modelRegistry.get(options.preset ?? 'prisma-unet-256');
      if (!spec || !isSegmentationHead(spec.head)) throw new RangeError(`Expected \`preset\` to be a segmentation model id, got \`${options.preset}\` (string)`);
      const segmenter = await PortraitSegmenter.create({ model: modelPath, workers: 0, config: { input: spec.input, head: spec.head } });
      try {
        const r = await evaluateMasks(segmenter, options.index);
        return resolution === 'model' ? r.meanIouModel : r.meanIou;
      } finally {
        await segmenter.dispose();
      }
    },
  };
}
