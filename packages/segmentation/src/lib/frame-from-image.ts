import { createFrame, type Frame, type ImageData8 } from '@facepipe/core';

/** Internal: a new frame with `source`'s timing, id and results and new RGB pixels. */
export function frameFromImage(source: Frame, image: ImageData8): Frame {
  return createFrame({ data: image.data, width: image.width, height: image.height, index: source.index, timeMs: source.timeMs, sourceId: source.sourceId, arrivalMs: source.arrivalMs, results: source.results });
}
