import { prepareInput, type Frame, type ImageData8, type ModelInputSpec, type Tensor } from '@facepipe/core';

/**
 * Turn a whole frame into the float32 `[1, 3, H, W]` input a registered model expects, through
 * core's `prepareInput` with the spec's own fit and the stages' default resampler (the fused,
 * antialiased `'area'` pass): `squash` resizes the whole frame, `letterbox` keeps aspect and pads
 * right/bottom with black, `face-crop` (landmark models) — without a face box — uses the **centre
 * square** of side min(w, h), resized as the landmark stage does (`'area-bicubic'`). For real face crops
 * pass a `preprocess` (e.g. `@facepipe/landmarks`' `faceCropPreprocess`) to the calibration loader.
 *
 * ## Example
 * ```ts
 * const spec = modelRegistry.get('prisma-unet-256')!;
 * const input = preprocessForInput(await readImage('photo.jpg'), spec.input); // dims [1, 3, 256, 256]
 * ```
 * @throws {TypeError | RangeError | ShapeMismatchError} for an invalid frame or spec (from `prepareInput`).
 */
export function preprocessForInput(frame: ImageData8 | Frame, input: ModelInputSpec): Tensor<'float32'> {
  if (input.resize !== 'face-crop') return prepareInput(frame, input).tensor;
  const side = Math.min(frame.width, frame.height);
  const region = { x: Math.floor((frame.width - side) / 2), y: Math.floor((frame.height - side) / 2), width: side, height: side };
  return prepareInput(frame, input, { region, resampler: 'area-bicubic' }).tensor;
}
