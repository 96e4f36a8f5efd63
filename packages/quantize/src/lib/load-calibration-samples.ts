import fs from 'node:fs';
import path from 'node:path';
import { isObservable, lastValueFrom, map, take, toArray, type Observable } from 'rxjs';
import { assertInteger, readFrames, readImage, type Frame, type ModelInputSpec, type Tensor } from '@facepipe/core';
import { CalibrationError } from './errors.js';
import { preprocessForInput } from './preprocess-for-input.js';

/** Where calibration frames come from: a folder of images, an image or video file, image paths, frames, or any frame stream. */
export type CalibrationSource = string | readonly string[] | readonly Frame[] | Observable<Frame>;

/** Turns one frame into zero or more model inputs (e.g. one face crop per detected face). */
export type CalibrationPreprocess = (frame: Frame) => Tensor<'float32'>[] | Promise<Tensor<'float32'>[]>;

/** Options of {@link loadCalibrationSamples}. */
export interface CalibrationSampleOptions {
  /** Stop after this many model inputs (default 16). */
  readonly maxSamples?: number;
  /** For a video file: keep one frame in `every` (default 10). */
  readonly every?: number;
  /** Custom preprocessing (default: {@link preprocessForInput} with the model's input spec). */
  readonly preprocess?: CalibrationPreprocess;
}

const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.gif', '.avif']);
const VIDEO_EXT = new Set(['.mp4', '.mov', '.mkv', '.avi', '.webm', '.m4v']);

/** Copy a (possibly lent, see core's `releaseFrame`) frame's pixels so it can be kept after `next` returns. */
function ownFrame(frame: Frame): Frame {
  return { ...frame, data: frame.data.slice() };
}

function describe(source: CalibrationSource): string {
  if (typeof source === 'string') return source;
  if (isObservable(source)) return 'Observable<Frame>';
  return `${source.length} ${source.length > 0 && typeof source[0] === 'string' ? 'image path(s)' : 'frame(s)'}`;
}

/**
 * Load and preprocess calibration inputs for a model. A folder contributes its image files (sorted by
 * name; other files are ignored), a video file every `every`-th decoded frame, an `Observable<Frame>`
 * its first frames. Each frame goes through `preprocess` (default: the registry input spec).
 *
 * ## Example
 * ```ts
 * const spec = modelRegistry.get('ultraface-rfb-320-sim')!;
 * const samples = await loadCalibrationSamples('../shared/data/calibration/ultraface_imgs', spec.input, { maxSamples: 8 });
 * samples.length; // 8, each [1, 3, 240, 320]
 * ```
 * @throws {CalibrationError} when the source yields no sample (empty folder, empty list, empty stream).
 * @throws {DecoderError} (from core's `readImage`/`readFrames`) for a listed file that is not a decodable image/video.
 */
export async function loadCalibrationSamples(
  source: CalibrationSource,
  input: ModelInputSpec | undefined,
  options: CalibrationSampleOptions = {},
): Promise<Tensor<'float32'>[]> {
  const max = options.maxSamples ?? 16;
  assertInteger(max, 'maxSamples');
  if (max < 1) throw new RangeError(`Expected \`maxSamples\` to be an integer >= 1, got \`${max}\` (number)`);
  const label = describe(source);
  const preprocess: CalibrationPreprocess =
    options.preprocess ??
    ((frame) => {
      if (!input) throw new CalibrationError('The model is not in the registry: pass `input` (its ModelInputSpec) or a `preprocess` function', label);
      return [preprocessForInput(frame, input)];
    });
  const samples: Tensor<'float32'>[] = [];
  const addFrame = async (frame: Frame) => {
    for (const t of await preprocess(frame)) if (samples.length < max) samples.push(t);
  };

  if (typeof source === 'string') {
    if (!fs.existsSync(source)) throw new CalibrationError(`Calibration source does not exist: ${source}`, label);
    if (fs.statSync(source).isDirectory()) {
      const files = fs
        .readdirSync(source)
        .filter((f) => IMAGE_EXT.has(path.extname(f).toLowerCase()))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      for (const f of files) {
        if (samples.length >= max) break;
        await addFrame(await readImage(path.join(source, f)));
      }
    } else if (VIDEO_EXT.has(path.extname(source).toLowerCase())) {
      const frames = await lastValueFrom(readFrames(source, { every: options.every ?? 10 }).pipe(take(max), map(ownFrame), toArray()));
      for (const frame of frames) await addFrame(frame);
    } else {
      await addFrame(await readImage(source));
    }
  } else if (isObservable(source)) {
    const frames = await lastValueFrom(source.pipe(take(max), map(ownFrame), toArray()));
    for (const frame of frames) await addFrame(frame);
  } else {
    for (const item of source) {
      if (samples.length >= max) break;
      await addFrame(typeof item === 'string' ? await readImage(item) : item);
    }
  }
  if (samples.length === 0) throw new CalibrationError(`Empty calibration set: no usable image or frame in ${label}`, label);
  return samples;
}
