import fs from 'node:fs';
import path from 'node:path';
import { createSessionRunner, readImage, resizeImage, type ModelInputSpec } from '@facepipe/core';
import { preprocessForInput } from '../lib/preprocess-for-input.js';
import type { TaskMetric } from '../lib/quantization-report.js';

/** Options of {@link maskMetric}. */
export interface MaskMetricOptions {
  /** `seg-pairs-v1` index (e.g. `shared/data/segmentation/hsd/index.json`). */
  readonly index: string;
  /** Input spec of the model (registry entry's `input`). */
  readonly input: ModelInputSpec;
  /** Output holding the person probability (default: the first output). */
  readonly output?: string;
  /** Channel of the person class in a multi-channel output (default 0). */
  readonly personChannel?: number;
  /** Probability threshold (default 0.5). */
  readonly threshold?: number;
  readonly name?: string;
}

/**
 * Segmentation task metric (mean IoU at model resolution, higher is better): each photo is
 * preprocessed with the model's spec, the person probability thresholded, and compared with the
 * ground-truth mask resized (nearest) to the model's input size.
 *
 * ## Example
 * ```ts
 * const metric = maskMetric({ index: 'shared/data/segmentation/hsd/index.json', input: modelRegistry.get('prisma-unet-256')!.input });
 * await metric.evaluate('prisma.int8.onnx'); // ~0.91
 * ```
 */
export function maskMetric(options: MaskMetricOptions): TaskMetric {
  const { input } = options;
  const threshold = options.threshold ?? 0.5;
  return {
    name: options.name ?? `mIoU@${path.basename(path.dirname(options.index))} (model resolution)`,
    higherIsBetter: true,
    async evaluate(modelPath) {
      const index = JSON.parse(fs.readFileSync(options.index, 'utf8')) as { pairs?: { image: string; mask: string }[] } | { image: string; mask: string }[];
      const pairs = Array.isArray(index) ? index : (index.pairs ?? []);
      const dir = path.dirname(options.index);
      const runner = await createSessionRunner(modelPath, { intraOpThreads: 1 });
      try {
        const output = options.output ?? runner.outputs[0].name;
        const hw = input.width * input.height;
        let sum = 0;
        for (const pair of pairs) {
          const image = await readImage(path.join(dir, pair.image));
          const maskImage = await readImage(path.join(dir, pair.mask));
          const truth = resizeImage(maskImage, input.width, input.height, { kernel: 'nearest' });
          const out = await runner.run({ [runner.inputs[0].name]: preprocessForInput(image, input) });
          const prob = out[output].data as Float32Array;
          const offset = (options.personChannel ?? 0) * hw;
          let inter = 0;
          let union = 0;
          for (let p = 0; p < hw; p++) {
            const a = prob[offset + p] >= threshold;
            const b = truth.data[p * truth.channels] >= 128;
            if (a && b) inter++;
            if (a || b) union++;
          }
          sum += union > 0 ? inter / union : 1;
        }
        return pairs.length ? sum / pairs.length : NaN;
      } finally {
        await runner.dispose();
      }
    },
  };
}
