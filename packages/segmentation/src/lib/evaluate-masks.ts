import fs from 'node:fs';
import path from 'node:path';
import { assertInRange, assertString, DecoderError, readImage, type ImageData8 } from '@facepipe/core';
import type { PortraitSegmenter } from './portrait-segmenter.js';
import type { ProbabilityMap } from './probability-map.js';
import { upsampleProbability } from './upsample-probability.js';

/** One image / ground-truth mask pair (paths). */
export interface SegmentationPair {
  readonly image: string;
  readonly mask: string;
}

/** Options of {@link evaluateMasks}. */
export interface EvaluateMasksOptions {
  /** Probability threshold for "person" (default 0.5). */
  readonly threshold?: number;
}

/** IoU of one pair under both protocols. */
export interface MaskScore {
  readonly image: string;
  /**
   * IoU at photo resolution: the probability bilinearly upsampled to the photo size and
   * thresholded, against the ground truth resized to the photo size with nearest neighbour.
   */
  readonly iou: number;
  /**
   * IoU at model resolution: the thresholded probability map (its content region) against the
   * ground truth resized to that region with nearest neighbour.
   */
  readonly iouModel: number;
}

/** Result of {@link evaluateMasks}. */
export interface MaskEvaluation {
  readonly perImage: readonly MaskScore[];
  /** Mean of `iou` (photo resolution). */
  readonly meanIou: number;
  /** Mean of `iouModel` (model resolution, the protocol of the ASSETS.md reference figures). */
  readonly meanIouModel: number;
}

/**
 * Intersection over union of two binary masks (values >= 128 are "on"); 1 when both are empty.
 *
 * ## Example
 * ```ts
 * maskIou(new Uint8Array([255, 255, 0]), new Uint8Array([255, 0, 0])); // 0.5
 * ```
 * @throws {RangeError} when the masks differ in length.
 */
export function maskIou(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError(`Expected masks of equal length, got ${a.length} and ${b.length}`);
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! >= 128, y = b[i]! >= 128;
    if (x && y) inter++;
    if (x || y) union++;
  }
  return union === 0 ? 1 : inter / union;
}

/** Nearest-neighbour resample of the first channel of an interleaved image to `w x h` (half-pixel centres). */
function nearestChannel(src: ImageData8, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  const c = src.channels;
  const xs = new Int32Array(w);
  for (let x = 0; x < w; x++) xs[x] = Math.min(src.width - 1, Math.floor(((x + 0.5) * src.width) / w)) * c;
  for (let y = 0; y < h; y++) {
    const row = Math.min(src.height - 1, Math.floor(((y + 0.5) * src.height) / h)) * src.width * c;
    for (let x = 0; x < w; x++) out[y * w + x] = src.data[row + xs[x]!]!;
  }
  return out;
}

/**
 * Read a `seg-pairs-v1` index (`{ format, pairs: [{ image, mask }] }`); paths come back absolute.
 *
 * ## Example
 * ```ts
 * const pairs = readSegmentationIndex('../shared/data/segmentation/hsd/index.json');
 * pairs.length; // 30
 * ```
 * @throws {DecoderError} when the file is missing, not JSON, or not a seg-pairs-v1 index.
 */
export function readSegmentationIndex(indexPath: string): SegmentationPair[] {
  assertString(indexPath, 'indexPath');
  let json: { format?: string; pairs?: { image: string; mask: string }[] };
  try {
    json = JSON.parse(fs.readFileSync(indexPath, 'utf8')) as typeof json;
  } catch (err) {
    throw new DecoderError('Could not read segmentation index', indexPath, (err as Error).message, { cause: err });
  }
  if (json.format !== 'seg-pairs-v1' || !Array.isArray(json.pairs)) throw new DecoderError('Not a seg-pairs-v1 index', indexPath, `format: ${String(json.format)}`);
  const dir = path.dirname(indexPath);
  return json.pairs.map((p) => ({ image: path.resolve(dir, p.image), mask: path.resolve(dir, p.mask) }));
}

/**
 * Score a segmenter against ground-truth masks: IoU per image and mean IoU. Ground-truth masks
 * (grayscale, 0 = background, 255 = person) may be smaller than the photo (same aspect); they are
 * resized with nearest neighbour. Both protocols are reported from one inference per image: at
 * photo resolution (`meanIou`) and at model resolution (`meanIouModel`); on the 30 shared HSD pairs
 * they agree to 1e-3.
 *
 * ## Example
 * ```ts
 * const pairs = readSegmentationIndex('../shared/data/segmentation/hsd/index.json');
 * const { meanIou } = await evaluateMasks(segmenter, pairs); // 0.92 for prisma-unet-256
 * ```
 * @throws {DecoderError} when an image or mask cannot be read.
 */
export async function evaluateMasks(segmenter: PortraitSegmenter, pairs: readonly SegmentationPair[] | string, options: EvaluateMasksOptions = {}): Promise<MaskEvaluation> {
  const list = typeof pairs === 'string' ? readSegmentationIndex(pairs) : pairs;
  const threshold = options.threshold ?? 0.5;
  assertInRange(threshold, 'threshold', Number.MIN_VALUE, 1);
  const perImage: MaskScore[] = [];
  for (const pair of list) {
    const [photo, gtImage] = await Promise.all([readImage(pair.image), readImage(pair.mask)]);
    const prob: ProbabilityMap = await segmenter.infer(photo);
    const pred = upsampleProbability(prob, photo.width, photo.height, { threshold });
    const iou = maskIou(pred, nearestChannel(gtImage, photo.width, photo.height));
    // content region of the map, in whole pixels
    const cw = Math.max(1, Math.round(prob.contentWidth));
    const ch = Math.max(1, Math.round(prob.contentHeight));
    const predModel = new Uint8Array(cw * ch);
    for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) predModel[y * cw + x] = prob.data[y * prob.width + x]! >= threshold ? 255 : 0;
    const iouModel = maskIou(predModel, nearestChannel(gtImage, cw, ch));
    perImage.push({ image: pair.image, iou, iouModel });
  }
  const mean = (key: 'iou' | 'iouModel') => (perImage.length ? perImage.reduce((s, r) => s + r[key], 0) / perImage.length : 0);
  return { perImage, meanIou: mean('iou'), meanIouModel: mean('iouModel') };
}
