import {
  assertInRange,
  assertObject,
  mergedOutputName,
  openMergedModel,
  expectedMessage,
  DisposedError,
  ShapeMismatchError,
  type ImageData8,
  type OpenModelOptions,
  type PrepareInputScratch,
  type Tensor,
} from '@facepipe/core';
import type { Face, HeadPose } from '@facepipe/core';
import { faceCropToTensor } from './face-crop-to-tensor.js';
import { DEFAULT_POSE_MODELS, fsanetInput } from '../models/fsanet/fsanet-models.js';

/** Options of {@link createFsanetPoseEstimator}. */
export interface FsanetPoseOptions extends Pick<OpenModelOptions, 'workers' | 'intraOpThreads' | 'modelDirs'> {
  /** The models whose outputs are averaged (ids or paths; default {@link DEFAULT_POSE_MODELS}, `['fsanet-1x1', 'fsanet-var']`). */
  readonly models?: readonly string[];
  /** Scale of the (tight, not squared) box about its centre before cropping (default {@link FSANET_CROP_SCALE}). */
  readonly cropScale?: number;
  /** Faces smaller than this (px, either side) get no pose (default 8). */
  readonly minFaceSize?: number;
}

/**
 * Default scale of the face box about its centre for FSA-Net's crop: 1.2. UltraFace boxes are
 * tighter than the res10-SSD boxes of the FSA-Net demo; on the 29 shared faces 1.2 reproduces the
 * reference figures (Einstein -18.4/11.7/15.9) and halves the mirror error of 1.0 (mean |yaw + yaw'|
 * 2.5° vs 4.8°).
 */
export const FSANET_CROP_SCALE = 1.2;

/** What the loader returns; wrapped by {@link FsanetPoseEstimator}. */
interface FsanetModel {
  readonly modelIds: readonly string[];
  readonly workers: number;
  /** True when all faces of a frame go through every model in one run. */
  readonly batched: boolean;
  /**
   * Head pose of one face box, in facepipe's convention (degrees).
   * @throws {RangeError} for a non-finite or empty box. @throws {DisposedError} after `dispose()`.
   */
  estimateBox(image: ImageData8, box: readonly [number, number, number, number]): Promise<HeadPose>;
  /** New Face objects with `pose` set (in input order); faces too small or with a non-finite box come back unchanged. */
  estimate(image: ImageData8, faces: readonly Face[]): Promise<Face[]>;
  dispose(): Promise<void>;
}

/**
 * Signs that turn FSA-Net's `[yaw, pitch, roll]` into facepipe's convention (yaw > 0 towards
 * image-left, pitch > 0 looking up, roll > 0 when the image-right eye is lower). Checked on the 29 shared
 * annotated faces: yaw and pitch agree in sign with PnP on ground-truth landmarks, roll with the
 * eye-line angle; FSA-Net already uses the convention.
 */
export const FSANET_SIGNS: readonly [number, number, number] = [1, 1, 1];

/** Load the models and build the estimator (see {@link FsanetPoseEstimator.create}). */
async function openFsanetModel(options: FsanetPoseOptions): Promise<FsanetModel> {
  assertObject(options as unknown, 'options');
  const ids = options.models ?? DEFAULT_POSE_MODELS;
  if (ids.length === 0) throw new RangeError('Expected `models` to name at least one FSA-Net model, got 0');
  const cropScale = options.cropScale ?? FSANET_CROP_SCALE;
  assertInRange(cropScale, 'cropScale', 0.1, 10);
  const minFaceSize = options.minFaceSize ?? 8;
  assertInRange(minFaceSize, 'minFaceSize', 0, 1e6);
  const input = fsanetInput;
  const S = input.width;
  const plane = 3 * S * S;
  // every model in one graph (one run per frame, not one per model and face), any batch size
  const outputs = ids.map((_, k) => (ids.length > 1 ? mergedOutputName(k, 'output') : 'output'));
  const { runner, modelIds } = await openMergedModel(ids, {
    batch: 'dynamic',
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.intraOpThreads !== undefined ? { intraOpThreads: options.intraOpThreads } : {}),
    ...(options.modelDirs ? { modelDirs: options.modelDirs } : {}),
    expect: { inputs: { input: [null, 3, S, S] }, outputs: Object.fromEntries(outputs.map((o) => [o, [null, 3]])) },
  });
  const batched = typeof runner.inputs[0]?.dims[0] === 'string';
  const scratch: PrepareInputScratch = {};
  const policy = { shape: 'box', scale: cropScale } as const;
  let disposed = false;
  /** Input batch buffers handed back after their run (by the worker too), by length. */
  const free: Float32Array[] = [];
  const takeBatch = (length: number): Float32Array => {
    const k = free.findIndex((b) => b.length === length);
    return k >= 0 ? free.splice(k, 1)[0]! : new Float32Array(length);
  };
  const giveBack = (b: unknown): void => {
    if (b instanceof Float32Array && b.byteLength > 0 && free.length < 4) free.push(b);
  };

  const values = (t: Tensor | undefined, k: number, n: number): Float32Array => {
    const d = t?.data;
    if (!d || d.length !== 3 * n) throw new ShapeMismatchError(`output "output" of model ${modelIds[k]}`, `${3 * n} values (${n} face(s) x 3)`, `${d?.length ?? 0} values`);
    return d as Float32Array;
  };

  /** Poses of `boxes` (already validated): one run for all of them when batched, else one per box. */
  async function poses(image: ImageData8, boxes: readonly (readonly [number, number, number, number])[]): Promise<HeadPose[]> {
    if (disposed) throw new DisposedError('FsanetPoseEstimator', ids.join(', '));
    const n = boxes.length;
    if (n === 0) return [];
    const batch = takeBatch(n * plane);
    boxes.forEach((box, k) => faceCropToTensor(image, box, input, { policy, out: batch.subarray(k * plane, (k + 1) * plane), scratch }));
    const one = batched || n === 1;
    const runs = one
      ? [await runner.run({ input: { type: 'float32', dims: [n, 3, S, S], data: batch } }, { outputs, onInputs: (back) => giveBack(back.input?.data) })]
      : await Promise.all(boxes.map((_, k) => runner.run({ input: { type: 'float32', dims: [1, 3, S, S], data: batch.slice(k * plane, (k + 1) * plane) } }, { outputs })));
    if (!one) giveBack(batch); // only its slices were sent
    const per = runs.length === 1 ? n : 1;
    const heads = runs.map((r) => outputs.map((o, k) => values(r[o], k, per)));
    const result: HeadPose[] = [];
    for (let f = 0; f < n; f++) {
      const [run, row] = runs.length === 1 ? [heads[0]!, f] : [heads[f]!, 0];
      let yaw = 0, pitch = 0, roll = 0;
      for (const d of run) {
        yaw += d[3 * row]! / run.length;
        pitch += d[3 * row + 1]! / run.length;
        roll += d[3 * row + 2]! / run.length;
      }
      result.push({ yaw: yaw * FSANET_SIGNS[0], pitch: pitch * FSANET_SIGNS[1], roll: roll * FSANET_SIGNS[2] });
    }
    // every value was copied out: the output buffers can hold a later result
    for (const r of runs) runner.recycle?.(r);
    return result;
  }

  return {
    modelIds,
    workers: options.workers ?? 1,
    batched,
    async estimateBox(image, box) {
      if (disposed) throw new DisposedError('FsanetPoseEstimator', ids.join(', '));
      assertObject(image as unknown, 'image');
      if (!Array.isArray(box) || box.length !== 4 || !box.every(Number.isFinite) || box[2] <= box[0] || box[3] <= box[1]) {
        throw new RangeError(expectedMessage('box', 'four finite numbers [x1, y1, x2, y2] with x2 > x1 and y2 > y1', box));
      }
      return (await poses(image, [box]))[0]!;
    },
    async estimate(image, faces) {
      if (disposed) throw new DisposedError('FsanetPoseEstimator', ids.join(', '));
      assertObject(image as unknown, 'image');
      if (!Array.isArray(faces)) throw new TypeError(expectedMessage('faces', 'an array of faces', faces));
      const picked: number[] = [];
      faces.forEach((face, i) => {
        const [x1, y1, x2, y2] = face.box;
        if ([x1, y1, x2, y2].every(Number.isFinite) && x2 - x1 >= Math.max(minFaceSize, 1e-9) && y2 - y1 >= Math.max(minFaceSize, 1e-9)) picked.push(i);
      });
      const found = await poses(image, picked.map((i) => faces[i]!.box));
      const result = faces.slice();
      picked.forEach((i, k) => {
        const pose = found[k]!;
        if ([pose.yaw, pose.pitch, pose.roll].every(Number.isFinite)) result[i] = { ...faces[i]!, pose };
      });
      return result;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await runner.dispose();
    },
  };
}

/**
 * FSA-Net head pose for faces (the `1x1` and `var` models averaged). Create with
 * {@link FsanetPoseEstimator.create}; release with `dispose()`.
 */
export class FsanetPoseEstimator {
  readonly #model: FsanetModel;

  private constructor(model: FsanetModel) {
    this.#model = model;
  }

  /**
   * Load FSA-Net (the `1x1` and `var` models, averaged as the source demo does) and return a head-pose
   * estimator. The models are merged into one graph with a dynamic batch (core's `openMergedModel`),
   * so all faces of a frame take one inference call. Each face's detector box, scaled by `cropScale` about its centre, is cropped (black outside
   * the frame), squashed to 64x64
   * (antialiased area resize), fed as BGR `(pixel - 127.5) / 128`; the output is `[yaw, pitch, roll]` in degrees.
   *
   * ## Example
   * ```ts
   * const fsa = await FsanetPoseEstimator.create({ workers: 0 });
   * const [face] = await fsa.estimate(frame, frame.results.faces ?? []);
   * face.pose; // { yaw: -17.3, pitch: 11.6, roll: 15.0 }
   * await fsa.dispose();
   * ```
   * @throws {ModelLoadError} when a model cannot be found or is not a `[1,3,64,64] -> [1,3]` model.
   * @throws {RangeError} on invalid options.
   */
  static async create(options: FsanetPoseOptions = {}): Promise<FsanetPoseEstimator> {
    return new FsanetPoseEstimator(await openFsanetModel(options));
  }

  /** Registry ids (or file names) of the averaged models. */
  get modelIds(): readonly string[] {
    return this.#model.modelIds;
  }

  /** Worker threads running the models (0 = in this thread). */
  get workers(): number {
    return this.#model.workers;
  }

  /** True when the models run as one graph with a dynamic batch: one inference call per frame for all faces. */
  get batched(): boolean {
    return this.#model.batched;
  }

  /**
   * Head pose of one face box, in facepipe's convention (degrees).
   *
   * ## Example
   * ```ts
   * await fsa.estimateBox(frame, [120, 80, 220, 200]); // { yaw: -17.3, pitch: 11.6, roll: 15.0 }
   * ```
   * @throws {RangeError} for a non-finite or empty box.
   * @throws {DisposedError} after `dispose()`.
   */
  estimateBox(image: ImageData8, box: readonly [number, number, number, number]): Promise<HeadPose> {
    return this.#model.estimateBox(image, box);
  }

  /**
   * New Face objects with `pose` set (in input order); faces too small or with a non-finite box come back unchanged.
   * @throws {DisposedError} after `dispose()`.
   */
  estimate(image: ImageData8, faces: readonly Face[]): Promise<Face[]> {
    return this.#model.estimate(image, faces);
  }

  /** Release the models. Idempotent; estimating afterwards throws {@link DisposedError}. */
  dispose(): Promise<void> {
    return this.#model.dispose();
  }
}

/**
 * Same as {@link FsanetPoseEstimator.create}.
 * @deprecated Use `FsanetPoseEstimator.create(options)`: every facepipe model is a class with `static create`.
 */
export function createFsanetPoseEstimator(options: FsanetPoseOptions = {}): Promise<FsanetPoseEstimator> {
  return FsanetPoseEstimator.create(options);
}
