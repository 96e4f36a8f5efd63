import { evaluateMasks, PortraitSegmenter, readSegmentationIndex, type SegmentationPair } from '@facepipe/segmentation';
import { stageModel } from '../../stages/stage-model.js';
import { dataFile } from './data-file.js';
import type { EvalOptions } from './eval-options.js';
import { round4 as r4 } from './round4.js';

/**
 * `facepipe eval segment`: the segmenter on the seg-pairs-v1 `--data` pairs; mIoU at model
 * resolution (the reference protocol) and at photo resolution.
 *
 * ## Example
 * ```ts
 * await evalSegment({ ...options, task: 'segment', data: ['shared/data/segmentation/hsd/index.json'] }); // { task: 'segment', miou: ..., miouPhoto: ... }
 * ```
 * @throws {UsageError} when a data path does not exist.
 */
export async function evalSegment(options: EvalOptions): Promise<Record<string, unknown>> {
  const pairs: SegmentationPair[] = [];
  for (const d of options.data) pairs.push(...readSegmentationIndex(dataFile(d, 'index.json')));
  const m = await stageModel(options.segmenter, options.int8, '--segmenter');
  const seg = await PortraitSegmenter.create({ model: m.model, workers: 0 });
  try {
    const ev = await evaluateMasks(seg, pairs);
    return { task: 'segment', model: seg.modelId, images: ev.perImage.length, miou: r4(ev.meanIouModel), miouPhoto: r4(ev.meanIou) };
  } finally {
    await seg.dispose();
  }
}

