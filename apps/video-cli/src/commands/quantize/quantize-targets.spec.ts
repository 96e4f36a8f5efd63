import { describe, expect, it } from 'vitest';
import { quantizeTargets } from './quantize-targets.js';

const models = { detector: 'ultraface-rfb-320', landmarks: 'pfld-ghostone-98', segmenter: 'prisma-unet-256' };

describe('quantizeTargets', () => {
  it('lists the models the chosen stages open, in pipeline order: both FSA-Net models for pose', () => {
    expect(quantizeTargets(['detect', 'landmarks', 'pose', 'segment'], models)).toEqual(['ultraface-rfb-320', 'pfld-ghostone-98', 'fsanet-1x1', 'fsanet-var', 'prisma-unet-256']);
    expect(quantizeTargets(['detect', 'pose'], models)).toEqual(['ultraface-rfb-320', 'fsanet-1x1', 'fsanet-var']);
    expect(quantizeTargets(['segment'], { ...models, segmenter: 'sinet-320' })).toEqual(['sinet-320']);
  });

  it('names a model used by two stages once', () => {
    expect(quantizeTargets(['detect', 'landmarks'], { ...models, landmarks: 'ultraface-rfb-320' })).toEqual(['ultraface-rfb-320']);
  });
});
