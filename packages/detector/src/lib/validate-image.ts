import { assertInteger, assertObject, expectedMessage, ShapeMismatchError, type ImageData8 } from '@facepipe/core';

/** Validate a frame/image given to `detect`. @internal */
export function validateImage(image: ImageData8, name = 'image'): void {
  assertObject(image as unknown, name);
  assertInteger(image.width, `${name}.width`, 1);
  assertInteger(image.height, `${name}.height`, 1);
  if (image.channels !== 3 && image.channels !== 4) throw new RangeError(expectedMessage(`${name}.channels`, '3 (RGB) or 4 (RGBA)', image.channels));
  if (!(image.data instanceof Uint8Array)) throw new TypeError(expectedMessage(`${name}.data`, 'a Uint8Array', image.data));
  const need = image.width * image.height * image.channels;
  if (image.data.length !== need) throw new ShapeMismatchError(`${name}.data of a ${image.width}x${image.height}x${image.channels} image`, `${need} bytes`, `${image.data.length} bytes`);
}
