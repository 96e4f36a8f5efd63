import { modelRegistry } from '@facepipe/core';
import type { FaceDetectorOptions } from '@facepipe/detector';
import { isUltrafaceHead, isYunetHead } from '@facepipe/detector/models';
import type { LandmarkDetectorOptions, LandmarkPresetId } from '@facepipe/landmarks';
import { isLandmarkHead } from '@facepipe/landmarks/models';
import type { PortraitSegmenterOptions } from '@facepipe/segmentation';
import { isSegmentationHead } from '@facepipe/segmentation/models';
import type { StageModel } from './stage-model.js';

/** The options of each stage's `create` that drive an identified model file like its registry family. */
export interface StageModelOptions {
  readonly detector: Pick<FaceDetectorOptions, 'decoded' | 'resize'>;
  readonly landmarks: Pick<LandmarkDetectorOptions, 'preset'>;
  readonly segmenter: Pick<PortraitSegmenterOptions, 'config'>;
}

/**
 * What to tell a stage package about a model file {@link stageModel} identified (nothing for a
 * registry id or an unidentified file: the package then uses the registry, or its own inference
 * from the outputs): the detector's decoding and resize policy, the landmark preset (for an int8
 * variant of a registry id, the base model's), the
 * segmenter's input and head.
 *
 * ## Example
 * ```ts
 * const m = await stageModel('/tmp/portrait.onnx', false, { task: 'segmentation', flag: '--segmenter' });
 * await PortraitSegmenter.create({ model: m.model, ...stageModelOptions(m).segmenter });
 * ```
 */
export function stageModelOptions(m: StageModel): StageModelOptions {
  const spec = m.spec;
  const head = spec?.head;
  return {
    detector:
      head && isUltrafaceHead(head) ? { decoded: head.decoded, resize: spec!.input.resize === 'letterbox' ? 'letterbox' : 'squash' } : head && isYunetHead(head) ? { resize: 'letterbox' } : {},
    // an int8 variant of a registry model keeps its base model's preset (the file name says nothing)
    landmarks: m.model !== m.base && modelRegistry.get(m.base) ? { preset: m.base as LandmarkPresetId } : head && isLandmarkHead(head) ? { preset: spec!.id as LandmarkPresetId } : {},
    segmenter: head && isSegmentationHead(head) ? { config: { input: spec!.input, head } } : {},
  };
}
