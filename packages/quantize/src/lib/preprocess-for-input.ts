import { cropImage, imageToTensor, letterboxImage, resizeBilinear, resizeImage, type Frame, type ImageData8, type ModelInputSpec, type Tensor } from '@facepipe/core';

/**
 * Turn a whole frame into the float32 `[1, 3, H, W]` input a registered model expects, following its
 * registry spec: `squash` resizes the whole frame (bilinear), `letterbox` keeps aspect and pads
 * right/bottom, `face-crop` (landmark models) — without a face box — takes the **centre square** of
 * side min(w, h) and resizes it bicubically. For real face crops pass your own `preprocess` (e.g. from a
 * detector's boxes) to the calibration loader instead.
 *
 * ## Example
 * ```ts
 * const spec = modelRegistry.get('prisma-unet-256')!;
 * const input = preprocessForInput(await readImage('photo.jpg'), spec.input); // dims [1, 3, 256, 256]
 * ```
 */
export function preprocessForInput(frame: ImageData8 | Frame, input: ModelInputSpec): Tensor<'float32'> {
  const { width, height } = input;
  let image: ImageData8;
  if (input.resize === 'letterbox') {
    image = letterboxImage(frame, width, height).image;
  } else if (input.resize === 'face-crop') {
    const side = Math.min(frame.width, frame.height);
    const crop = cropImage(frame, { x: Math.floor((frame.width - side) / 2), y: Math.floor((frame.height - side) / 2), width: side, height: side });
    image = resizeImage(crop, width, height, { kernel: 'bicubic' });
  } else {
    image = resizeBilinear(frame, width, height);
  }
  return imageToTensor(image, { mean: input.mean, std: input.std, channelOrder: input.channelOrder });
}
