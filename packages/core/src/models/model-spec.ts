import type { QuantizationRecipe } from './quantization-recipe.js';

/** How a whole frame is fitted to a fixed network input. */
export type ResizePolicy =
  /** Resize to the input size ignoring aspect (what the UltraFace/Prisma/SINet reference scripts do). */
  | 'squash'
  /** Keep aspect, scale to fit, pad right/bottom. */
  | 'letterbox'
  /** A crop around a face box is resized to the input (landmark and pose models). */
  | 'face-crop';

/** Input of a registered model and how to prepare pixels for it. */
export interface ModelInputSpec {
  readonly name: string;
  /** Network input width/height in pixels; for dynamic inputs the default size. */
  readonly width: number;
  readonly height: number;
  /** Set when H and W may vary: both must be multiples of this. */
  readonly dynamicMultiple?: number;
  readonly layout: 'NCHW';
  readonly channelOrder: 'RGB' | 'BGR';
  /** `(pixel - mean) / std`, per channel in **RGB order** (also for BGR models). */
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
  readonly resize: ResizePolicy;
}

/**
 * Model-family facts the decoding stage needs. Core knows none of them: each stage package declares
 * its own head interfaces (e.g. `UltrafaceHead` in `@facepipe/detector`) that extend this one with a
 * literal `kind` and the fields its decoder reads, and checks `kind` before it trusts a spec.
 *
 * ## Example
 * ```ts
 * interface MyHead extends ModelHead { readonly kind: 'my-family'; readonly output: string }
 * const isMyHead = (h: ModelHead): h is MyHead => h.kind === 'my-family';
 * ```
 */
export interface ModelHead {
  /** Decoder family, e.g. `'ultraface'`, `'landmarks'`, `'segmentation'`. */
  readonly kind: string;
}

/** Task a model serves, e.g. `'face-detection'`, `'landmarks'`, `'head-pose'`, `'segmentation'` (named by the stage that registers it). */
export type ModelTask = string;

/** A known model: where it comes from, how to verify it, and how to feed it. */
export interface ModelSpec<H extends ModelHead = ModelHead> {
  /** Registry id, e.g. `ultraface-rfb-320`. */
  readonly id: string;
  readonly task: ModelTask;
  /** File name in a models folder or the cache. */
  readonly file: string;
  /** Sub-folder it may sit in under a models folder (e.g. `ultraface`). */
  readonly folder?: string;
  /** Lower-case hex sha256 of the file; absent when no copy could be verified (then no download). */
  readonly sha256?: string;
  readonly bytes?: number;
  readonly license: string;
  /** Source repository, commit and path the bytes come from. */
  readonly source: { readonly repo: string; readonly commit: string; readonly path: string };
  /** Pinned download URL (raw file at `source.commit`). */
  readonly url?: string;
  readonly input: ModelInputSpec;
  readonly head: H;
  /** One line for `facepipe models list`. */
  readonly description: string;
  /** How to make its int8 variant (read by `@facepipe/quantize`); absent: quantize's defaults. */
  readonly quantization?: QuantizationRecipe;
}
