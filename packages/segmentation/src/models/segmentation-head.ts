import { dimFits, type HeadSignature, type ModelHead } from '@facepipe/core';

/** The segmentation head facts: output tensor, its activation and which channel is "person". */
export interface SegmentationHead extends ModelHead {
  readonly kind: 'segmentation';
  readonly output: string;
  readonly activation: 'sigmoid' | 'softmax' | 'logits';
  readonly personChannel: number;
}

/** True when `head` is a segmentation head. */
export const isSegmentationHead = (head: ModelHead): head is SegmentationHead => head.kind === 'segmentation';

/** The output a segmentation head reads: NCHW with one channel (sigmoid) or at least `personChannel + 1` (for `identifyModel`). */
export const segmentationSignature: HeadSignature = (head, outputs) => {
  if (!isSegmentationHead(head)) return false;
  const o = outputs.find((x) => x.name === head.output);
  return !!o && o.dims.length === 4 && dimFits(o.dims[1], head.activation === 'sigmoid' ? 1 : head.personChannel + 1) && (typeof o.dims[1] !== 'number' || o.dims[1] > head.personChannel);
};
