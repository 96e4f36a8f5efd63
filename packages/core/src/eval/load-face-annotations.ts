import fs from 'node:fs/promises';
import path from 'node:path';
import { AnnotationFormatError, DecoderError } from '../shared/errors.js';

/** One annotated face of a `faces-v1` file. */
export interface AnnotatedFace {
  /** `[x1, y1, x2, y2]` in image pixels. */
  readonly box: readonly [number, number, number, number];
  /** 68 iBUG points as `[x, y]` pairs (0-based pixels), when annotated. */
  readonly landmarks68?: readonly (readonly [number, number])[];
}

/** One image of a `faces-v1` file. */
export interface AnnotatedImage {
  /** File name as written in the annotations. */
  readonly file: string;
  /** Absolute path of the image (`images/` beside the annotations file). */
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly faces: readonly AnnotatedFace[];
}

/** A loaded `faces-v1` annotation set. */
export interface FaceAnnotations {
  readonly format: 'faces-v1';
  /** The annotations file. */
  readonly source: string;
  readonly images: readonly AnnotatedImage[];
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/**
 * Read and validate a `faces-v1` annotations file (`{ format: 'faces-v1', images: [{ file, width,
 * height, faces: [{ box: [x1, y1, x2, y2], landmarks68? }] }] }`), as shipped in
 * `shared/data/faces/<set>/annotations.json`. Image paths resolve to the sibling `images/` folder.
 *
 * ## Example
 * ```ts
 * const set = await loadFaceAnnotations('shared/data/faces/wider_val/annotations.json');
 * set.images[0].faces.length; // 142
 * ```
 * @throws {DecoderError} when the file cannot be read or is not JSON.
 * @throws {AnnotationFormatError} when the content is not `faces-v1` (names the offending field and value).
 */
export async function loadFaceAnnotations(file: string): Promise<FaceAnnotations> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = await fs.readFile(abs, 'utf8');
  } catch (err) {
    throw new DecoderError('Cannot read face annotations', abs, (err as Error).message, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DecoderError('Face annotations are not valid JSON', abs, (err as Error).message, { cause: err });
  }
  return parseFaceAnnotations(json, abs);
}

/**
 * Validate already-parsed `faces-v1` JSON (see {@link loadFaceAnnotations}); `source` is the file
 * path used for error messages and for resolving image paths.
 *
 * ## Example
 * ```ts
 * const set = parseFaceAnnotations({ format: 'faces-v1', images: [] }, '/data/set/annotations.json');
 * ```
 * @throws {AnnotationFormatError} when the content is not `faces-v1`.
 */
export function parseFaceAnnotations(json: unknown, source: string): FaceAnnotations {
  const fail = (pointer: string, problem: string): never => {
    throw new AnnotationFormatError(source, pointer, problem);
  };
  if (!isObj(json)) return fail('(root)', `expected an object, got ${show(json)}`);
  if (json.format !== 'faces-v1') fail('format', `expected "faces-v1", got ${show(json.format)}`);
  if (!Array.isArray(json.images)) return fail('images', `expected an array, got ${show(json.images)}`);
  const dir = path.join(path.dirname(source), 'images');
  const images: AnnotatedImage[] = json.images.map((im: unknown, i: number) => {
    const at = `images[${i}]`;
    if (!isObj(im)) return fail(at, `expected an object, got ${show(im)}`);
    if (typeof im.file !== 'string' || im.file.length === 0) fail(`${at}.file`, `expected a file name, got ${show(im.file)}`);
    for (const k of ['width', 'height'] as const) {
      const v = im[k];
      if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) fail(`${at}.${k}`, `expected a positive integer, got ${show(v)}`);
    }
    if (!Array.isArray(im.faces)) return fail(`${at}.faces`, `expected an array, got ${show(im.faces)}`);
    const faces: AnnotatedFace[] = im.faces.map((f: unknown, j: number) => {
      const fat = `${at}.faces[${j}]`;
      if (!isObj(f)) return fail(fat, `expected an object, got ${show(f)}`);
      const b = f.box;
      if (!Array.isArray(b) || b.length !== 4 || !b.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        return fail(`${fat}.box`, `expected [x1, y1, x2, y2] (4 finite numbers), got ${show(b)}`);
      }
      if (b[2] < b[0] || b[3] < b[1]) fail(`${fat}.box`, `expected x2 >= x1 and y2 >= y1, got ${show(b)}`);
      const box = [b[0], b[1], b[2], b[3]] as const;
      if (f.landmarks68 === undefined) return { box };
      const l = f.landmarks68;
      if (!Array.isArray(l) || l.length !== 68 || !l.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v)))) {
        return fail(`${fat}.landmarks68`, `expected 68 [x, y] pairs, got ${show(l)}`);
      }
      return { box, landmarks68: l.map((p: number[]) => [p[0]!, p[1]!] as const) };
    });
    return { file: im.file as string, path: path.join(dir, im.file as string), width: im.width as number, height: im.height as number, faces };
  });
  return { format: 'faces-v1', source, images };
}
