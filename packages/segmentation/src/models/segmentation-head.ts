import type { ModelHead } from '@facepipe/core';

/** The segmentation head facts: output tensor, its activation and which channel is "person". */
export interface SegmentationHead extends ModelHead {
  readonly kind: 'segmentation';
  readonly output: string;
  readonly activation: 'sigmoid' | 'softmax' | 'logits';
  readonly personChannel: number;
}

/** True when `head` is a segmentation head. */
export const isSegmentationHead = (head: ModelHead): head is SegmentationHead => head.kind === 'segmentation';
