import {
  DisposedError,
  expectedMessage,
  ModelLoadError,
  openModel,
  prepareInput,
  ShapeMismatchError,
  type ImageData8,
  type ModelRunner,
  type ModelSpec,
  type PrepareInputScratch,
  type PrepareInputSpec,
  type Tensor,
} from '@facepipe/core';
import { generateUltrafacePriors, ultrafacePriorCount } from '../models/ultraface/priors.js';
import { collectUltrafaceCandidates } from '../models/ultraface/decode.js';
import { collectYunetCandidates, YUNET_OUTPUTS, YUNET_STRIDES, type YunetLevel } from '../models/yunet/decode.js';
import { DEFAULT_DETECTOR_MODEL, isUltrafaceHead, ultrafaceInput } from '../models/ultraface/ultraface-models.js';
import { isYunetHead, yunetInput } from '../models/yunet/yunet-models.js';
import { createCandidates, type Candidates } from './candidates.js';
import type { Face } from '@facepipe/core';
import { nmsUnchecked } from './nms.js';

import { validateOptions, type DetectorFamily, type DetectorSettings, type FaceDetectorOptions } from './detector-options.js';
import { validateImage } from './validate-image.js';
import { describeOutputs, expectationFor, inferFamily, probeDecoded, validateYunetOutputs } from './detector-model.js';

export type { DetectorFamily, DetectorSettings, FaceDetectorOptions } from './detector-options.js';

/**
 * Face detector over UltraFace (RFB/slim, 320x240 or 640x480, raw or in-graph decoded) and YuNet
 * models: preprocessing into reused buffers, inference through core's runner (in-process or a
 * worker pool), decoding, NMS, and mapping back to frame pixels.
 *
 * Several `detect` calls may be in flight at once (with `workers >= 2` they run in parallel);
 * each resolves with the faces of its own image.
 *
 * ## Example
 * ```ts
 * const detector = await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0 });
 * const faces = await detector.detect(await readImage('photo.jpg'));
 * // [{ box: [312.4, 80.1, 401.9, 199.3], score: 0.998 }, …]
 * await detector.dispose();
 * ```
 */
export class FaceDetector {
  /** Registry id (or file name) of the model. */
  readonly model: string;
  /** Decoder family in use. */
  readonly family: DetectorFamily;
  /** Network input size. */
  readonly inputWidth: number;
  readonly inputHeight: number;
  /** Worker threads (0 = in-process). */
  readonly workers: number;
  readonly #runner: ModelRunner;
  readonly #spec: ModelSpec | undefined;
  readonly #o: DetectorSettings;
  readonly #inputName: string;
  /** Network size, channel order and normalisation fed to core's `prepareInput`. */
  readonly #input: PrepareInputSpec;
  readonly #priors: Float32Array | null;
  readonly #uf: { scores: string; boxes: string } | undefined;
  /** Reusable float input buffers (handed back by the runner after each run, also from a worker). */
  readonly #free: Float32Array[] = [];
  /** `onInputs` of every run: pool the input buffer that came back. */
  readonly #reclaim = (inputs: Record<string, Tensor>): void => {
    const d = inputs[this.#inputName]?.data;
    if (d instanceof Float32Array && d.length === 3 * this.inputWidth * this.inputHeight && this.#free.length < 4) this.#free.push(d);
  };
  /** Reusable uint8 resize target and letterbox canvas. */
  readonly #scratch: PrepareInputScratch = {};
  readonly #candidates: Candidates;
  #disposed = false;

  private constructor(init: {
    runner: ModelRunner;
    spec: ModelSpec | undefined;
    family: DetectorFamily;
    width: number;
    height: number;
    workers: number;
    options: DetectorSettings;
    uf: { scores: string; boxes: string } | undefined;
  }) {
    this.#runner = init.runner;
    this.#spec = init.spec;
    this.model = init.runner.modelId;
    this.family = init.family;
    this.inputWidth = init.width;
    this.inputHeight = init.height;
    this.workers = init.workers;
    this.#o = init.options;
    this.#uf = init.uf;
    this.#inputName = init.spec?.input.name ?? init.runner.inputs[0]!.name;
    const yunet = init.family === 'yunet';
    const input = init.spec?.input ?? (yunet ? yunetInput : ultrafaceInput)(init.width, init.height);
    this.#input = { width: init.width, height: init.height, mean: input.mean, std: input.std, channelOrder: input.channelOrder };
    this.#priors = init.family === 'ultraface-raw' ? generateUltrafacePriors(init.width, init.height) : null;
    this.#candidates = createCandidates(256, yunet);
  }

  /**
   * Load a detector model and prepare its decoder.
   *
   * ## Example
   * ```ts
   * const yunet = await FaceDetector.create({ model: 'yunet-640', scoreThreshold: 0.6, workers: 2 });
   * ```
   * @throws {TypeError | RangeError} for invalid options (message names the option and value).
   * @throws {ModelLoadError} when the model is missing, is not a face detector (e.g. a landmark model), or its outputs fit no known detector family.
   * @throws {ShapeMismatchError} when `inputSize` does not fit the model.
   */
  static async create(options: FaceDetectorOptions = {}): Promise<FaceDetector> {
    validateOptions(options);
    const modelId = options.model ?? DEFAULT_DETECTOR_MODEL;
    const workers = options.workers ?? 1;
    const { runner, spec } = await openModel(modelId, {
      workers,
      ...(options.modelDirs ? { modelDirs: options.modelDirs } : {}),
      ...(options.intraOpThreads ? { intraOpThreads: options.intraOpThreads } : {}),
      ...(typeof modelId === 'string' ? expectationFor(modelId) : {}),
    });
    try {
      return await FaceDetector.#build(runner, spec, options, workers);
    } catch (err) {
      await runner.dispose();
      throw err;
    }
  }

  static async #build(runner: ModelRunner, spec: ModelSpec | undefined, options: FaceDetectorOptions, workers: number): Promise<FaceDetector> {
    const id = runner.modelId;
    let family: DetectorFamily;
    let uf: { scores: string; boxes: string } | undefined;
    const specHead = spec?.head;
    if (specHead && !isUltrafaceHead(specHead) && !isYunetHead(specHead)) {
      throw new ModelLoadError(
        `Model ${id} is a ${spec.task} model (head "${spec.head.kind}"), not a supported face detector; use an UltraFace or YuNet model (e.g. ultraface-rfb-320, yunet-640)`,
        id,
      );
    }
    const inferred = specHead ? (isYunetHead(specHead) ? 'yunet' : 'ultraface') : inferFamily(runner.outputs);
    if (inferred === undefined) {
      throw new ModelLoadError(
        `Model ${id} is not a face detector facepipe can decode: its outputs are ${describeOutputs(runner.outputs)}; ` +
          `expected UltraFace ("scores" [1,N,2], "boxes" [1,N,4]) or YuNet (${YUNET_OUTPUTS.join(', ')})`,
        id,
      );
    }
    // Input size.
    const input = runner.inputs.find((i) => i.name === (spec?.input.name ?? runner.inputs[0]?.name));
    if (!input || input.dims.length !== 4) {
      throw new ModelLoadError(`Model ${id} has no NCHW image input (inputs: ${describeOutputs(runner.inputs)})`, id);
    }
    const fixedH = typeof input.dims[2] === 'number' && input.dims[2] > 0 ? input.dims[2] : undefined;
    const fixedW = typeof input.dims[3] === 'number' && input.dims[3] > 0 ? input.dims[3] : undefined;
    const multiple = spec?.input.dynamicMultiple ?? (inferred === 'yunet' ? 32 : 1);
    const width = options.inputSize?.width ?? fixedW ?? spec?.input.width ?? 640;
    const height = options.inputSize?.height ?? fixedH ?? spec?.input.height ?? 640;
    if ((fixedW !== undefined && width !== fixedW) || (fixedH !== undefined && height !== fixedH)) {
      throw new ShapeMismatchError(`\`inputSize\` of model ${id} (fixed input)`, `${fixedW ?? '?'}x${fixedH ?? '?'}`, `${width}x${height}`);
    }
    if (width % multiple !== 0 || height % multiple !== 0) {
      throw new RangeError(expectedMessage('inputSize', `a size whose sides are multiples of ${multiple} for model ${id}`, `${width}x${height}`));
    }
    if (inferred === 'yunet') {
      family = 'yunet';
      if (!spec) validateYunetOutputs(id, runner.outputs);
    } else {
      const head = specHead && isUltrafaceHead(specHead) ? specHead : undefined;
      uf = { scores: head?.scores ?? 'scores', boxes: head?.boxes ?? 'boxes' };
      let decoded = head?.decoded ?? options.decoded;
      if (decoded === undefined) decoded = await probeDecoded(runner, input.name, width, height, uf.boxes);
      family = decoded ? 'ultraface' : 'ultraface-raw';
      const n = runner.outputs.find((o) => o.name === uf!.scores)?.dims[1];
      if (!decoded && typeof n === 'number' && n !== ultrafacePriorCount(width, height)) {
        throw new ShapeMismatchError(`prior count of model ${id} at ${width}x${height}`, String(ultrafacePriorCount(width, height)), String(n));
      }
    }
    const resolved: DetectorSettings = {
      scoreThreshold: options.scoreThreshold ?? 0.6,
      iouThreshold: options.iouThreshold ?? 0.3,
      nms: options.nms ?? 'hard',
      sigma: options.sigma ?? 0.5,
      topK: options.topK ?? Infinity,
      minFaceSize: options.minFaceSize ?? 0,
      resize: options.resize ?? (spec?.input.resize === 'letterbox' || (!spec && family === 'yunet') ? 'letterbox' : 'squash'),
      padValue: options.padValue ?? 0,
      resampler: options.resampler ?? 'area',
    };
    return new FaceDetector({ runner, spec, family, width, height, workers, options: resolved, uf });
  }

  /** The registry spec of the model, when it is a known one. */
  get spec(): ModelSpec | undefined {
    return this.#spec;
  }

  /** Options in effect (defaults filled in). */
  get options(): Readonly<DetectorSettings> {
    return this.#o;
  }

  /**
   * Find the faces in one RGB frame or image (boxes in its pixels, clamped to it, best first).
   *
   * ## Example
   * ```ts
   * const faces = await detector.detect(frame);
   * faces[0]; // { box: [x1, y1, x2, y2], score: 0.99, keypoints?: [[x, y] × 5] }
   * ```
   * @throws {TypeError | RangeError | ShapeMismatchError} for an invalid image (zero size, wrong buffer length).
   * @throws {DetectorOutputError} when the model outputs NaN scores.
   * @throws {DisposedError} after `dispose()`.
   */
  async detect(image: ImageData8): Promise<Face[]> {
    if (this.#disposed) throw new DisposedError('FaceDetector', this.model);
    validateImage(image);
    const { tensor, map } = await this.#prepare(image);
    const outputs = await this.#runner.run({ [this.#inputName]: tensor }, { onInputs: this.#reclaim });
    try {
      return this.decode(outputs, map);
    } finally {
      // decode copied what it keeps: the output buffers can hold a later result
      this.#runner.recycle?.(outputs);
    }
  }

  /**
   * Detect faces in several images; runs overlap when the detector has workers. Results are in input order.
   *
   * ## Example
   * ```ts
   * const [a, b] = await detector.detectMany([frameA, frameB]);
   * ```
   * @throws as {@link FaceDetector.detect}.
   */
  detectMany(images: readonly ImageData8[]): Promise<Face[][]> {
    return Promise.all(images.map((im) => this.detect(im)));
  }

  /**
   * Resize/letterbox `image` and normalise it into a network input tensor, returning how input
   * pixels map back to the image. Exposed for benchmarks and custom runners.
   *
   * ## Example
   * ```ts
   * const { tensor, map } = await detector.prepare(frame);
   * tensor.dims; // [1, 3, 240, 320]
   * ```
   * @throws {TypeError | RangeError | ShapeMismatchError} for an invalid image.
   */
  prepare(image: ImageData8): Promise<{ tensor: Tensor<'float32'>; map: InputMapping }> {
    validateImage(image);
    return this.#prepare(image);
  }

  /** Pooled buffers are written synchronously inside `prepareInput` (also for sharp, after its resize), so concurrent calls do not mix pixels. */
  async #prepare(image: ImageData8): Promise<{ tensor: Tensor<'float32'>; map: InputMapping }> {
    const out = this.#free.pop() ?? new Float32Array(3 * this.inputWidth * this.inputHeight);
    const { tensor, scaleX, scaleY } = await prepareInput(image, this.#input, {
      fit: this.#o.resize,
      resampler: this.#o.resampler,
      // the detector's canvas used to be a Uint8Array.fill(padValue), which truncates a fractional value
      padValue: Math.trunc(this.#o.padValue),
      out,
      scratch: this.#scratch,
    });
    return { tensor, map: { sx: scaleX, sy: scaleY, width: image.width, height: image.height } };
  }

  /**
   * Decode raw model outputs into faces in image pixels (decoder + NMS + mapping). Exposed so the
   * post-processing can be measured on its own.
   *
   * ## Example
   * ```ts
   * const { tensor, map } = await detector.prepare(frame);
   * const faces = detector.decode(await runner.run({ input: tensor }), map);
   * ```
   * @throws {DetectorOutputError} when a score is NaN.
   */
  decode(outputs: Readonly<Record<string, Tensor>>, map: InputMapping): Face[] {
    const o = this.#o;
    const c = this.#candidates;
    const W = this.inputWidth, H = this.inputHeight;
    if (this.family === 'yunet') {
      const levels: YunetLevel[] = YUNET_STRIDES.map((s) => ({
        stride: s,
        cls: floatData(outputs, `cls_${s}`, this.model),
        obj: floatData(outputs, `obj_${s}`, this.model),
        bbox: floatData(outputs, `bbox_${s}`, this.model),
        kps: floatData(outputs, `kps_${s}`, this.model),
      }));
      collectYunetCandidates(levels, W, H, o.scoreThreshold, c, this.model);
    } else {
      const uf = this.#uf!;
      collectUltrafaceCandidates(floatData(outputs, uf.scores, this.model), floatData(outputs, uf.boxes, this.model), this.#priors, o.scoreThreshold, W, H, c, this.model);
    }
    const kept = nmsUnchecked(c.boxes, c.scores, c.count, { iouThreshold: o.iouThreshold, method: o.nms, sigma: o.sigma, minScore: o.scoreThreshold });
    const faces: Face[] = [];
    const { sx, sy, width, height } = map;
    for (let k = 0; k < kept.count && faces.length < o.topK; k++) {
      const b = k * 4;
      const x1 = clamp(kept.boxes[b]! * sx, width), y1 = clamp(kept.boxes[b + 1]! * sy, height);
      const x2 = clamp(kept.boxes[b + 2]! * sx, width), y2 = clamp(kept.boxes[b + 3]! * sy, height);
      if (x2 - x1 < o.minFaceSize || y2 - y1 < o.minFaceSize || x2 <= x1 || y2 <= y1) continue;
      const score = kept.scores[k]!;
      if (c.hasKeypoints) {
        const ki = kept.indices[k]! * 10;
        const kp: [number, number][] = [];
        for (let p = 0; p < 10; p += 2) kp.push([c.keypoints[ki + p]! * sx, c.keypoints[ki + p + 1]! * sy]);
        faces.push({ box: [x1, y1, x2, y2], score, keypoints: kp });
      } else {
        faces.push({ box: [x1, y1, x2, y2], score });
      }
    }
    return faces;
  }

  /** Free the model session(s)/workers. Idempotent; `detect` afterwards throws. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#free.length = 0;
    await this.#runner.dispose();
  }
}

/** How network-input pixels map back to the source image: `x_image = x_input * sx`. */
export interface InputMapping {
  readonly sx: number;
  readonly sy: number;
  /** Source image size (boxes are clamped to it). */
  readonly width: number;
  readonly height: number;
}

const clamp = (v: number, max: number): number => (v < 0 ? 0 : v > max ? max : v);

function floatData(outputs: Readonly<Record<string, Tensor>>, name: string, model: string): Float32Array {
  const t = outputs[name];
  if (!t) throw new ModelLoadError(`Model ${model} returned no output "${name}" (got ${Object.keys(outputs).join(', ') || 'none'})`, model);
  if (!(t.data instanceof Float32Array)) throw new ShapeMismatchError(`output "${name}" of model ${model}`, 'float32', t.type);
  return t.data;
}
