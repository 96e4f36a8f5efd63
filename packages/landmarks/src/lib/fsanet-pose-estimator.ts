import {
  assertInRange,
  assertObject,
  openModel,
  expectedMessage,
  DisposedError,
  ShapeMismatchError,
  type ImageData8,
  type ModelRunner,
  type OpenModelOptions,
  type PrepareInputScratch,
} from '@facepipe/core';
import type { Face, HeadPose } from '@facepipe/core';
import { faceCropToTensor } from './face-crop-to-tensor.js';
import { DEFAULT_POSE_MODELS, fsanetInput } from '../models/fsanet/fsanet-models.js';

/** Options of {@link createFsanetPoseEstimator}. */
export interface FsanetPoseOptions extends Pick<OpenModelOptions, 'workers' | 'intraOpThreads' | 'modelDirs'> {
  /** The models whose outputs are averaged (ids or paths; default {@link DEFAULT_POSE_MODELS}, `['fsanet-1x1', 'fsanet-var']`). */
  readonly models?: readonly string[];
  /**
   * Scale of the (tight, not squared) box about its centre before cropping. Default 1.2: UltraFace
   * boxes are tighter than the res10-SSD boxes of the FSA-Net demo; on the 29 shared faces 1.2
   * reproduces the reference figures (Einstein -18.4/11.7/15.9) and halves the mirror error of 1.0
   * (mean |yaw + yaw'| 2.5° vs 4.8°).
   */
  readonly cropScale?: number;
  /** Faces smaller than this (px, either side) get no pose (default 8). */
  readonly minFaceSize?: number;
}

/** What the loader returns; wrapped by {@link FsanetPoseEstimator}. */
interface FsanetModel {
  readonly modelIds: readonly string[];
  readonly workers: number;
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
  const cropScale = options.cropScale ?? 1.2;
  assertInRange(cropScale, 'cropScale', 0.1, 10);
  const minFaceSize = options.minFaceSize ?? 8;
  assertInRange(minFaceSize, 'minFaceSize', 0, 1e6);
  const input = fsanetInput;
  const S = input.width;
  const runners: ModelRunner[] = [];
  try {
    for (const id of ids) {
      const { runner } = await openModel(id, {
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        ...(options.intraOpThreads !== undefined ? { intraOpThreads: options.intraOpThreads } : {}),
        ...(options.modelDirs ? { modelDirs: options.modelDirs } : {}),
        expect: { inputs: { input: [null, 3, S, S] }, outputs: { output: [null, 3] } },
      });
      runners.push(runner);
    }
  } catch (err) {
    await Promise.all(runners.map((r) => r.dispose()));
    throw err;
  }
  const scratch: PrepareInputScratch = {};
  const policy = { shape: 'box', scale: cropScale } as const;
  let disposed = false;

  async function estimateBox(image: ImageData8, box: readonly [number, number, number, number]): Promise<HeadPose> {
    if (disposed) throw new DisposedError('FsanetPoseEstimator', ids.join(', '));
    assertObject(image as unknown, 'image');
    if (!Array.isArray(box) || box.length !== 4 || !box.every(Number.isFinite) || box[2] <= box[0] || box[3] <= box[1]) {
      throw new RangeError(expectedMessage('box', 'four finite numbers [x1, y1, x2, y2] with x2 > x1 and y2 > y1', box));
    }
    const { tensor } = faceCropToTensor(image, box, input, { policy, scratch });
    const outs = await Promise.all(runners.map((r, k) => r.run({ input: k === runners.length - 1 ? tensor : { ...tensor, data: tensor.data.slice() } }, { outputs: ['output'] })));
    let yaw = 0, pitch = 0, roll = 0;
    outs.forEach((o, k) => {
      const d = o.output?.data;
      if (!d || d.length !== 3) throw new ShapeMismatchError(`output "output" of model ${runners[k]!.modelId}`, '3 values', `${d?.length ?? 0} values`);
      yaw += Number(d[0]) / outs.length;
      pitch += Number(d[1]) / outs.length;
      roll += Number(d[2]) / outs.length;
    });
    return { yaw: yaw * FSANET_SIGNS[0], pitch: pitch * FSANET_SIGNS[1], roll: roll * FSANET_SIGNS[2] };
  }

  return {
    modelIds: runners.map((r) => r.modelId),
    workers: options.workers ?? 1,
    estimateBox,
    async estimate(image, faces) {
      return Promise.all(
        faces.map(async (face) => {
          const [x1, y1, x2, y2] = face.box;
          if (![x1, y1, x2, y2].every(Number.isFinite) || x2 - x1 < Math.max(minFaceSize, 1e-9) || y2 - y1 < Math.max(minFaceSize, 1e-9)) return face;
          const pose = await estimateBox(image, face.box);
          return [pose.yaw, pose.pitch, pose.roll].every(Number.isFinite) ? { ...face, pose } : face;
        }),
      );
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await Promise.all(runners.map((r) => r.dispose()));
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
   * estimator. Each face's detector box, scaled by `cropScale` about its centre, is cropped (black outside
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

  /** Worker threads running each model (0 = in this thread). */
  get workers(): number {
    return this.#model.workers;
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
