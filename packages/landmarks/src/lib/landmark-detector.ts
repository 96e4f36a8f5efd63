import {
  DisposedError,
  ShapeMismatchError,
  assertInRange,
  expectedMessage,
  assertObject,
  modelRegistry,
  openModel,
  type ImageData8,
  type ModelRunner,
  type OpenModelOptions,
  type PrepareInputScratch,
  type PrepareInputSpec,
  type Rect,
  type Tensor,
} from '@facepipe/core';
import type { Face, HeadPose } from '@facepipe/core';
import { faceCropToTensor } from './face-crop-to-tensor.js';
import { isLandmarkHead } from '../models/landmark-head.js';
import { DEFAULT_LANDMARK_MODEL } from '../models/pfld/pfld-models.js';
import { landmarkPreset, type LandmarkModelSpec, type LandmarkPresetId } from './landmark-preset.js';

/** Options of {@link createLandmarkDetector}. */
export interface LandmarkDetectorOptions extends Pick<OpenModelOptions, 'workers' | 'intraOpThreads' | 'modelDirs'> {
  /** Registry id or path of the ONNX file (default: the preset's id, `pfld-ghostone-98`). */
  readonly model?: string;
  /** How to drive the model: a preset id or a full spec (default: the registry entry of `model`, else `pfld-ghostone-98`). */
  readonly preset?: LandmarkPresetId | LandmarkModelSpec;
  /** Override of the preset's crop scale. */
  readonly cropScale?: number;
  /** Faces whose box is smaller than this (px, either side) are passed through without landmarks (default 8). */
  readonly minFaceSize?: number;
}

/** What the loader returns; wrapped by {@link LandmarkDetector}. */
interface LandmarkModel {
  readonly spec: LandmarkModelSpec;
  readonly modelId: string;
  readonly workers: number;
  /** True when the model's batch dimension is dynamic: all faces of a frame go in one call (see {@link LandmarkDetector.batched}). */
  readonly batched: boolean;
  /**
   * Landmarks (and, for models with a pose output, head pose) of every face, in frame pixels.
   * Returns new Face objects in input order; faces that are too small, have a non-finite box, or
   * for which the model produced non-finite values come back unchanged (no `landmarks`).
   * @throws {ShapeMismatchError} when the model's output size does not match the spec or the image buffer its size.
   * @throws {TypeError} when `image` or `faces` is not an object/array.
   * @throws {DisposedError} after `dispose()`.
   */
  detect(image: ImageData8, faces: readonly Face[]): Promise<Face[]>;
  /** Release the model. Idempotent. */
  dispose(): Promise<void>;
}

const RAD = 180 / Math.PI;

function resolveSpec(options: LandmarkDetectorOptions): LandmarkModelSpec {
  const { preset, model } = options;
  if (preset && typeof preset === 'object') return preset;
  if (typeof preset === 'string') return landmarkPreset(preset);
  if (model && modelRegistry.get(model)) return landmarkPreset(model);
  const byFile = model ? modelRegistry.findByFile(model.split(/[\\/]/).pop() ?? '') : undefined;
  return landmarkPreset(byFile && isLandmarkHead(byFile.head) ? byFile.id : DEFAULT_LANDMARK_MODEL);
}

/** Load the model and build the per-frame adapter (see {@link LandmarkDetector.create}). */
async function openLandmarkModel(options: LandmarkDetectorOptions): Promise<LandmarkModel> {
  assertObject(options as unknown, 'options');
  const base = resolveSpec(options);
  const spec: LandmarkModelSpec = options.cropScale === undefined ? base : { ...base, cropScale: options.cropScale };
  assertInRange(spec.cropScale, 'cropScale', 0.1, 10);
  const minFaceSize = options.minFaceSize ?? 8;
  assertInRange(minFaceSize, 'minFaceSize', 0, 1e6);
  const S = spec.input.size;
  const P = spec.points;
  const { runner } = await openModel(options.model ?? spec.id, {
    batch: 'dynamic', // exports froze batch 1: a checked, cached rewrite lets all faces of a frame share one run
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.intraOpThreads !== undefined ? { intraOpThreads: options.intraOpThreads } : {}),
    ...(options.modelDirs ? { modelDirs: options.modelDirs } : {}),
    expect: {
      inputs: { [spec.input.name]: [null, 3, S, S] },
      outputs: { [spec.output]: [null, 2 * P], ...(spec.pose ? { [spec.pose.output]: [null, 3] } : {}) },
    },
  });
  const inputInfo = runner.inputs.find((i) => i.name === spec.input.name)!;
  const batched = typeof inputInfo.dims[0] === 'string' || inputInfo.dims[0] === -1;
  /** Batch-1 runs inside one call pay off at 1 intra-op thread only (see runAll). */
  const splitRuns = batched && options.intraOpThreads === 1;
  const fetch = spec.pose ? [spec.output, spec.pose.output] : [spec.output];
  const plane = 3 * S * S;
  const poseScale = spec.pose?.unit === 'radians' ? RAD : 1;
  const signs = spec.pose?.signs ?? [1, 1, 1];
  const net: PrepareInputSpec = { width: S, height: S, channelOrder: spec.input.channelOrder, mean: spec.input.mean, std: spec.input.std };
  const scratch: PrepareInputScratch = {};
  const policy = { shape: 'square', scale: spec.cropScale } as const;
  /** Input batch buffers handed back after their run (by the worker too), by length. */
  const free: Float32Array[] = [];
  const takeBatch = (length: number): Float32Array => {
    const k = free.findIndex((b) => b.length === length);
    return k >= 0 ? free.splice(k, 1)[0]! : new Float32Array(length);
  };
  const giveBack = (b: Float32Array | undefined): void => {
    if (b && b.byteLength > 0 && free.length < 4) free.push(b);
  };
  const reclaim = (inputs: Record<string, Tensor>): void => {
    const d = inputs[spec.input.name]?.data;
    if (d instanceof Float32Array) giveBack(d);
  };

  function check(t: Tensor | undefined, name: string, n: number, per: number): Float32Array {
    const len = t ? t.data.length : 0;
    if (!t || len !== n * per) {
      throw new ShapeMismatchError(`output "${name}" of model ${runner.modelId}`, `${n * per} values (${n} face(s) x ${per})`, `${len} values [${t?.dims.join(', ') ?? ''}]`);
    }
    return t.data as Float32Array;
  }

  async function runAll(tensors: Float32Array, n: number, r: ModelRunner): Promise<{ pts: Float32Array; pose?: Float32Array; outputs: Record<string, Tensor>[] }> {
    const feeds = (data: Float32Array, count: number) => ({ [spec.input.name]: { type: 'float32' as const, dims: [count, 3, S, S], data } });
    if (batched || n === 1) {
      // One call (one message to a worker) with every face, run as batch-1 runs of the session: for
      // PFLD-GhostOne at 1 intra-op thread n batch-1 runs are a little faster than one batch-n run
      // (session alone, 4 faces: 9.9 against 10.4-11.1 ms) and keep onnxruntime's arena small
      // (+2.4-4 MB against +22.6 MB after batch 4). At 2 intra-op threads the batch run is faster
      // (8.8 against 11.3 ms; 4-face frame through detect(): 10.3 against 12.9 ms in a worker), so the
      // faces are split only when the session was given exactly 1 thread (the CLI's budget whenever two or
      // more models share 2 cores): see bench/landmark-split.bench.mjs.
      const out = await r.run(feeds(tensors, n), { outputs: fetch, onInputs: reclaim, split: splitRuns && n > 1 });
      return { pts: check(out[spec.output], spec.output, n, 2 * P), ...(spec.pose ? { pose: check(out[spec.pose.output], spec.pose.output, n, 3) } : {}), outputs: [out] };
    }
    const outs = await Promise.all(Array.from({ length: n }, (_, k) => r.run(feeds(tensors.slice(k * plane, (k + 1) * plane), 1), { outputs: fetch })));
    giveBack(tensors); // only its slices were sent
    const pts = new Float32Array(n * 2 * P);
    const pose = spec.pose ? new Float32Array(n * 3) : undefined;
    outs.forEach((o, k) => {
      pts.set(check(o[spec.output], spec.output, 1, 2 * P), k * 2 * P);
      if (pose && spec.pose) pose.set(check(o[spec.pose.output], spec.pose.output, 1, 3), k * 3);
    });
    return pose ? { pts, pose, outputs: outs } : { pts, outputs: outs };
  }

  let disposed = false;
  return {
    spec,
    modelId: runner.modelId,
    workers: options.workers ?? 1,
    batched,
    async detect(image: ImageData8, faces: readonly Face[]): Promise<Face[]> {
      if (disposed) throw new DisposedError('LandmarkDetector', runner.modelId);
      assertObject(image as unknown, 'image');
      if (!Array.isArray(faces)) throw new TypeError(expectedMessage('faces', 'an array of faces', faces));
      const picked: number[] = [];
      faces.forEach((face, index) => {
        const [x1, y1, x2, y2] = face.box;
        if (![x1, y1, x2, y2].every(Number.isFinite) || x2 - x1 < minFaceSize || y2 - y1 < minFaceSize || x2 - x1 <= 0 || y2 - y1 <= 0) return;
        picked.push(index);
      });
      const result = faces.slice();
      if (picked.length === 0) return result;
      const n = picked.length;
      const batch = takeBatch(n * plane);
      const jobs: { index: number; rect: Rect }[] = picked.map((index, k) => ({
        index,
        rect: faceCropToTensor(image, faces[index]!.box, net, { policy, resampler: 'area-bicubic', out: batch.subarray(k * plane, (k + 1) * plane), scratch }).rect,
      }));
      const { pts, pose, outputs } = await runAll(batch, n, runner);
      jobs.forEach(({ index, rect }, k) => {
        const landmarks = new Float32Array(2 * P);
        const o = k * 2 * P;
        let ok = true;
        for (let i = 0; i < P; i++) {
          const x = pts[o + 2 * i]! * rect.width + rect.x;
          const y = pts[o + 2 * i + 1]! * rect.height + rect.y;
          if (!Number.isFinite(x) || !Number.isFinite(y)) ok = false;
          landmarks[2 * i] = x;
          landmarks[2 * i + 1] = y;
        }
        if (!ok) return;
        let headPose: HeadPose | undefined;
        if (pose) {
          const yaw = pose[3 * k]! * poseScale * signs[0], pitch = pose[3 * k + 1]! * poseScale * signs[1], roll = pose[3 * k + 2]! * poseScale * signs[2];
          if ([yaw, pitch, roll].every(Number.isFinite)) headPose = { yaw, pitch, roll };
        }
        result[index] = { ...faces[index]!, landmarks, ...(headPose ? { pose: headPose } : {}) };
      });
      // every value was copied out: the output buffers can hold a later result
      for (const o of outputs) runner.recycle?.(o);
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
 * A loaded landmark model (PFLD-GhostOne by default): crops each face, runs the model and maps the
 * points back to frame pixels. Create with {@link LandmarkDetector.create}; release with `dispose()`.
 */
export class LandmarkDetector {
  readonly #model: LandmarkModel;

  private constructor(model: LandmarkModel) {
    this.#model = model;
  }

  /**
   * Load a landmark model (PFLD-GhostOne by default) and return an adapter that crops each face
   * (a square of side `max(w, h) * cropScale` around its box, black outside the frame), resizes it
   * bicubically to the model input, normalises it as the spec says, runs the model, and maps the
   * crop-normalised points back to frame pixels (`X = x * side + left`). Every face of a frame goes in
   * one call to the runner (one message to a worker): one batch run, or, when the session has exactly
   * `intraOpThreads: 1`, one run per face inside that call (`split`; for PFLD-GhostOne at 1 thread
   * batch-1 runs are a little faster and use less memory than one batch run, at 2 threads slower): a batch dim the export froze to 1 is rewritten to a dynamic one at load time
   * (checked against single runs and cached, see core's `prepareModelFile`); a model where that
   * rewrite does not hold gets one call per face (spread over the worker pool when `workers > 1`).
   *
   * ## Example
   * ```ts
   * const lm = await LandmarkDetector.create({ model: 'pfld-ghostone-98', workers: 0 });
   * const faces = await lm.detect(frame, frame.results.faces ?? []);
   * faces[0].landmarks; // Float32Array(196), frame pixels
   * await lm.dispose();
   * ```
   * @throws {ModelLoadError} when the model cannot be found or lacks the spec's input/outputs.
   * @throws {ShapeMismatchError} when the model's input or output dims disagree with the spec (e.g. 136 values for a 98-point preset).
   * @throws {RangeError} on invalid options.
   */
  static async create(options: LandmarkDetectorOptions = {}): Promise<LandmarkDetector> {
    return new LandmarkDetector(await openLandmarkModel(options));
  }

  /** How the model is driven (input, output, points, crop scale, pose). */
  get spec(): LandmarkModelSpec {
    return this.#model.spec;
  }

  /** Registry id (or file name) of the model. */
  get modelId(): string {
    return this.#model.modelId;
  }

  /** Worker threads running the model (0 = in this thread). */
  get workers(): number {
    return this.#model.workers;
  }

  /**
   * True when the model's batch dimension is dynamic: all faces of a frame go in one call to the
   * runner (one message to a worker): one batch run, or one run per face when the session has
   * `intraOpThreads: 1` (core's `RunOptions.split`).
   */
  get batched(): boolean {
    return this.#model.batched;
  }

  /**
   * Landmarks (and, for models with a pose output, head pose) of every face, in frame pixels.
   * Returns new Face objects in input order; faces that are too small, have a non-finite box, or
   * for which the model produced non-finite values come back unchanged (no `landmarks`).
   *
   * ## Example
   * ```ts
   * const faces = await lm.detect(frame, frame.results.faces ?? []);
   * faces[0].landmarks; // Float32Array(196), frame pixels
   * ```
   * @throws {ShapeMismatchError} when the model's output size does not match the spec or the image buffer its size.
   * @throws {TypeError} when `image` or `faces` is not an object/array.
   * @throws {DisposedError} after `dispose()`.
   */
  detect(image: ImageData8, faces: readonly Face[]): Promise<Face[]> {
    return this.#model.detect(image, faces);
  }

  /** Release the model. Idempotent; `detect` afterwards throws {@link DisposedError}. */
  dispose(): Promise<void> {
    return this.#model.dispose();
  }
}

/**
 * Same as {@link LandmarkDetector.create}.
 * @deprecated Use `LandmarkDetector.create(options)`: every facepipe model is a class with `static create`.
 */
export function createLandmarkDetector(options: LandmarkDetectorOptions = {}): Promise<LandmarkDetector> {
  return LandmarkDetector.create(options);
}
