import { ModelLoadError, assertString, modelRegistry } from '@facepipe/core';
import { isLandmarkHead } from '../models/landmark-head.js';
import { DEFAULT_LANDMARK_MODEL } from '../models/pfld/pfld-models.js';

/** Ids of the landmark models this package registers (`PFLD_MODELS`, `PFPLD_MODELS`). */
export type LandmarkPresetId = 'pfld-ghostone-98' | 'pfld-ghostnet-slim-98' | 'pfld-68' | 'pfpld';

/** Everything the landmark adapter needs to know about a model. */
export interface LandmarkModelSpec {
  /** Registry id (or a caller-chosen name for custom models). */
  readonly id: string;
  readonly input: {
    readonly name: string;
    /** Square input side in pixels (112 for every PFLD variant). */
    readonly size: number;
    readonly channelOrder: 'RGB' | 'BGR';
    /** `(pixel - mean) / std` per channel, RGB order. */
    readonly mean: readonly [number, number, number];
    readonly std: readonly [number, number, number];
  };
  /** Output holding `2 * points` values per face: `x, y` pairs in [0, 1] of the crop. */
  readonly output: string;
  readonly points: number;
  /** Crop: a square of side `max(w, h) * cropScale` centred on the detector box, black outside the frame. */
  readonly cropScale: number;
  /** Optional pose output: `[yaw, pitch, roll]` per face, converted to degrees in facepipe's convention (multiplied by `signs`). */
  readonly pose?: { readonly output: string; readonly unit: 'degrees' | 'radians'; readonly signs?: readonly [number, number, number] };
}

/**
 * The adapter spec of a registered landmark model (`pfld-ghostone-98`, the default,
 * `pfld-ghostnet-slim-98`, `pfld-68`, or `pfpld`), built from its registry entry.
 *
 * ## Example
 * ```ts
 * const spec = landmarkPreset('pfpld');
 * spec.pose; // { output: 'pose', unit: 'radians' }
 * ```
 * @throws {ModelLoadError} when the id is unknown or not a landmark model.
 */
export function landmarkPreset(id: string = DEFAULT_LANDMARK_MODEL): LandmarkModelSpec {
  assertString(id, 'id');
  const spec = modelRegistry.get(id);
  const head = spec?.head;
  if (!spec || !head || !isLandmarkHead(head)) {
    const known = modelRegistry.list().filter((s) => isLandmarkHead(s.head)).map((s) => s.id);
    throw new ModelLoadError(`"${id}" is not a landmark model (landmark models: ${known.join(', ')})`, id);
  }
  const { input } = spec;
  return {
    id: spec.id,
    input: { name: input.name, size: input.width, channelOrder: input.channelOrder, mean: input.mean, std: input.std },
    output: head.output,
    points: head.points,
    cropScale: head.cropScale,
    ...(head.pose ? { pose: { output: head.pose.output, unit: head.pose.unit } } : {}),
  };
}
