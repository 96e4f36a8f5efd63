import {
  assertObject,
  expectedMessage,
  prepareInput,
  type ImageData8,
  type PrepareInputScratch,
  type PrepareInputSpec,
  type Rect,
  type Tensor,
} from '@facepipe/core';
import { faceCropRect, type FaceCropPolicy } from './face-crop-rect.js';

/** Options of {@link faceCropToTensor}. */
export interface FaceCropToTensorOptions {
  /** Crop shape and scale around the box. */
  readonly policy: FaceCropPolicy;
  /**
   * Resize of the crop to the input (default `'area'`: core's fused, antialiased crop + resize +
   * normalise pass, no crop copy, bilinear when a small face is enlarged; `'area-bicubic'` the
   * same with bicubic enlarging, as the PFLD models use; `'bilinear'`/`'bicubic'` are the 8-bit
   * kernels, which alias when a large face is shrunk to the input).
   */
  readonly resampler?: 'area' | 'area-bicubic' | 'bilinear' | 'bicubic';
  /** Preallocated tensor data of `3 * width * height` floats, e.g. one face's slice of a batch. */
  readonly out?: Float32Array;
  /** Reusable 8-bit work buffers (see core's `prepareInput`). */
  readonly scratch?: PrepareInputScratch;
}

/** Result of {@link faceCropToTensor}. */
export interface FaceCropTensor {
  /** Float32 NCHW `[1, 3, height, width]`. */
  readonly tensor: Tensor<'float32'>;
  /** The frame rectangle that was cropped: crop-normalised `(x, y)` in [0, 1] map back as `X = x * rect.width + rect.x`. */
  readonly rect: Rect;
}

/**
 * The one face box → model input path of the landmark, head-pose and calibration stages: the
 * integer crop rectangle of {@link faceCropRect} (black outside the frame), resized to the model
 * input ignoring aspect and normalised as the input spec says, through core's `prepareInput`.
 *
 * ## Example
 * ```ts
 * const input = modelRegistry.get('pfld-ghostone-98')!.input;
 * const { tensor, rect } = faceCropToTensor(frame, face.box, input, { policy: { shape: 'square', scale: 1 } });
 * tensor.dims; // [1, 3, 112, 112]
 * ```
 * @param image Frame or image the box refers to.
 * @param box Face box `[x1, y1, x2, y2]` in image pixels.
 * @param input Network size, channel order and normalisation (a registry `ModelInputSpec` fits).
 * @param options Crop policy, resampler, pooled buffers.
 * @throws {RangeError} for a box that is not four finite numbers with `x2 > x1` and `y2 > y1`.
 * @throws {TypeError | RangeError | ShapeMismatchError} for an invalid image, spec or `out` (from `prepareInput`).
 */
export function faceCropToTensor(image: ImageData8, box: readonly [number, number, number, number], input: PrepareInputSpec, options: FaceCropToTensorOptions): FaceCropTensor {
  if (!Array.isArray(box) || box.length !== 4 || !box.every(Number.isFinite) || box[2] <= box[0] || box[3] <= box[1]) {
    throw new RangeError(expectedMessage('box', 'four finite numbers [x1, y1, x2, y2] with x2 > x1 and y2 > y1', box));
  }
  assertObject(options, 'options');
  assertObject(options.policy, 'options.policy');
  const rect = faceCropRect(box, options.policy);
  const { tensor } = prepareInput(image, input, {
    fit: 'squash',
    region: rect,
    resampler: options.resampler ?? 'area',
    padding: 'constant',
    padValue: 0,
    ...(options.out ? { out: options.out } : {}),
    ...(options.scratch ? { scratch: options.scratch } : {}),
  });
  return { tensor, rect };
}
