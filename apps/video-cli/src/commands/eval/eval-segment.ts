import { evaluateMasks, PortraitSegmenter, readSegmentationIndex, type SegmentationPair } from '@facepipe/segmentation';
import { stageModel } from '../../stages/stage-model.js';
import { stageModelOptions } from '../../stages/stage-model-options.js';
import { dataFile } from './data-file.js';
import type { EvalOptions } from './eval-options.js';
import { round4 as r4 } from './round4.js';
import { evalCurve, type CurveSink } from '../report/eval-report-hooks.js';

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
export async function evalSegment(options: EvalOptions, curve?: CurveSink): Promise<Record<string, unknown>> {
  const pairs: SegmentationPair[] = [];
  for (const d of options.data) pairs.push(...readSegmentationIndex(dataFile(d, 'index.json')));
  const m = await stageModel(options.segmenter, options.int8, { task: 'segmentation', flag: '--segmenter', family: options.segmenterFamily, required: true });
  const seg = await PortraitSegmenter.create({ model: m.model, workers: 0, ...stageModelOptions(m).segmenter });
  try {
    const ev = await evaluateMasks(seg, pairs);
    curve?.(evalCurve.segment(ev));
    return { task: 'segment', model: seg.modelId, images: ev.perImage.length, miou: r4(ev.meanIouModel), miouPhoto: r4(ev.meanIou) };
  } finally {
    await seg.dispose();
  }
}

