import { DEFAULT_DETECTOR_MODEL } from '@facepipe/detector';
import { DEFAULT_LANDMARK_MODEL } from '@facepipe/landmarks';
import { DEFAULT_SEGMENTATION_MODEL } from '@facepipe/segmentation';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODELS } from './defaults.js';

describe('DEFAULT_MODELS', () => {
  it('are the stage packages own defaults', () => {
    expect(DEFAULT_MODELS).toEqual({ detector: DEFAULT_DETECTOR_MODEL, landmarks: DEFAULT_LANDMARK_MODEL, segmenter: DEFAULT_SEGMENTATION_MODEL });
  });
});
