import {
  assertInteger,
  assertOneOf,
  assertString,
  assertStringArray,
  defaultConcurrency,
  ModelLoadError,
  openModel,
  prepareInput,
  ShapeMismatchError,
  type ImageData8,
  type InputFit,
  type ModelRunner,
  type PrepareInputScratch,
  type Tensor,
} from '@facepipe/core';
import type { Mask } from './mask.js';
import { postprocessMask, validatePostprocessOptions, type MaskPostprocessOptions } from './postprocess-mask.js';
import type { ProbabilityMap } from './probability-map.js';
import type { SegmentationModelConfig } from './segmentation-model.js';
import { isSegmentationHead } from '../models/segmentation-head.js';
import { DEFAULT_SEGMENTATION_MODEL } from '../models/prisma/prisma-models.js';
import type { TemporalSmoother } from './temporal-smoother.js';

/** How a frame is fitted to the fixed network input (core's `prepareInput` fits). */
export type InputPolicy = InputFit;
/** Fill of the padded area: replicate the border (`'edge'`) or a constant value. */
export type PaddingMode = 'edge' | 'constant';

/** Options of {@link PortraitSegmenter.create}. */
export interface PortraitSegmenterOptions extends MaskPostprocessOptions {
  /** Registry id or model file path (default {@link DEFAULT_SEGMENTATION_MODEL}, `'prisma-unet-256'`; also `'sinet-320'`). */
  readonly model?: string;
  /** Input/head description for a model file the registry does not know (overrides the registry's). */
  readonly config?: SegmentationModelConfig;
  /** Folders searched for registry models before the cache (default: `FACEPIPE_MODELS`). */
  readonly modelDirs?: readonly string[];
  /** Worker threads running inference (default 1; 0 = in this thread). */
  readonly workers?: number;
  /** onnxruntime intra-op threads per session. */
  readonly intraOpThreads?: number;
  /**
   * How the frame is fitted to the network input (default `'squash'`, as the models' reference scripts):
   * - `'squash'`: resize ignoring aspect;
   * - `'letterbox'`: keep aspect, scale to fit, pad right/bottom;
   * - `'pad-to-multiple'`: pad right/bottom to a multiple of `multiple` pixels, then resize to the input.
   * The padded region is cropped away again when the mask is resized to the frame.
   */
  readonly inputPolicy?: InputPolicy;
  /** Padding fill for letterbox/pad-to-multiple: `'edge'` replicates border pixels (default), `'constant'` uses `padValue`. */
  readonly padding?: PaddingMode;
  /** Fill value for `padding: 'constant'` (default 0). */
  readonly padValue?: number;
  /** Multiple for `'pad-to-multiple'` (default the model's `dynamicMultiple`, else 32). */
  readonly multiple?: number;
}

function checkImage(image: ImageData8): void {
  if (image === null || typeof image !== 'object' || !(image.data instanceof Uint8Array)) {
    throw new TypeError(`Expected \`image\` to be an ImageData8/Frame with a Uint8Array \`data\`, got \`${String(image)}\` (${typeof image})`);
  }
  if (image.channels !== 3) {
    throw new ShapeMismatchError(
      'image channels for segmentation',
      '3 (RGB24; convert grayscale/RGBA first, e.g. readImage() drops alpha and expands gray)',
      `${image.channels} (${image.channels === 1 ? 'grayscale' : image.channels === 4 ? 'RGBA' : 'unknown'})`,
    );
  }
  const n = image.width * image.height * 3;
  if (image.width < 1 || image.height < 1 || image.data.length !== n) {
    throw new ShapeMismatchError(`image buffer of ${image.width}x${image.height}x3`, `${n} bytes`, `${image.data.length} bytes`);
  }
}

/** Check the network's declared I/O against the config; throws named errors. */
function checkModelIo(runner: ModelRunner, config: SegmentationModelConfig): void {
  const id = runner.modelId;
  const { input, head } = config;
  const inInfo = runner.inputs.find((i) => i.name === input.name);
  if (!inInfo) {
    throw new ModelLoadError(`Model ${id} has no input named "${input.name}" (its inputs: ${runner.inputs.map((i) => `"${i.name}"`).join(', ')}). Is it a segmentation model with this config?`, id);
  }
  const fixed = (d: number | string | undefined, v: number) => typeof d !== 'number' || d < 0 || d === v;
  if (inInfo.dims.length !== 4 || !fixed(inInfo.dims[1], 3) || !fixed(inInfo.dims[2], input.height) || !fixed(inInfo.dims[3], input.width)) {
    throw new ShapeMismatchError(`input "${input.name}" of model ${id}`, `[N, 3, ${input.height}, ${input.width}]`, `[${inInfo.dims.join(', ')}]`);
  }
  const outInfo = runner.outputs.find((o) => o.name === head.output);
  if (!outInfo) {
    throw new ModelLoadError(`Model ${id} has no output named "${head.output}" (its outputs: ${runner.outputs.map((o) => `"${o.name}" [${o.dims.join(',')}]`).join(', ')}). Is it a segmentation model with this config?`, id);
  }
  checkOutputDims(id, head.output, outInfo.dims, config);
}

function checkOutputDims(id: string, name: string, dims: readonly (number | string)[], config: SegmentationModelConfig): void {
  const { head } = config;
  const channelsOk = (c: number | string | undefined) =>
    typeof c !== 'number' || c < 0 || (head.activation === 'sigmoid' ? c === 1 && head.personChannel === 0 : c > head.personChannel && (head.activation === 'logits' || c >= 2));
  const want = head.activation === 'sigmoid' ? '1' : `C > ${head.personChannel}${head.activation === 'softmax' ? ' (C >= 2)' : ''}`;
  const fixed = (d: number | string | undefined, v: number) => typeof d !== 'number' || d < 0 || d === v;
  if (dims.length !== 4 || !channelsOk(dims[1]) || !fixed(dims[2], config.input.height) || !fixed(dims[3], config.input.width)) {
    throw new ShapeMismatchError(
      `output "${name}" of model ${id} (${head.activation}, person channel ${head.personChannel})`,
      `[N, ${want}, ${config.input.height}, ${config.input.width}]`,
      `[${dims.join(', ')}]`,
    );
  }
}

/**
 * Portrait (person) segmentation with a UNET-style Prisma-Net (default) or SINet, driven by the
 * model's registry spec: input size, channel order, normalisation, output activation and person
 * channel. `segment(frame)` returns an alpha {@link Mask} at frame size.
 *
 * ## Example
 * ```ts
 * const seg = await PortraitSegmenter.create({ model: 'prisma-unet-256', workers: 0, threshold: 0.5 });
 * const mask = await seg.segment(await readImage('portrait.jpg'));
 * mask.coverage; // e.g. 0.41
 * await seg.dispose();
 * ```
 */
export class PortraitSegmenter {
  /** Input size, normalisation and head of the loaded model. */
  readonly config: SegmentationModelConfig;
  /** Registry id (or file name) of the loaded model. */
  readonly modelId: string;
  readonly #runner: ModelRunner;
  readonly #policy: InputPolicy;
  readonly #padding: PaddingMode;
  readonly #padValue: number;
  readonly #multiple: number;
  readonly #post: MaskPostprocessOptions;
  readonly #workers: number;
  /** Input tensor buffers handed back after their run (also from a worker), reused by later frames. */
  readonly #free: Float32Array[] = [];
  /** Work buffers of the fused input pass (written synchronously per call). */
  readonly #scratch: PrepareInputScratch = {};
  readonly #reclaim = (inputs: Record<string, Tensor>): void => {
    const d = inputs[this.config.input.name]?.data;
    if (d instanceof Float32Array && d.length === 3 * this.config.input.width * this.config.input.height && this.#free.length < 4) this.#free.push(d);
  };

  private constructor(runner: ModelRunner, config: SegmentationModelConfig, options: PortraitSegmenterOptions) {
    this.#runner = runner;
    this.config = config;
    this.modelId = runner.modelId;
    this.#policy = options.inputPolicy ?? 'squash';
    this.#padding = options.padding ?? 'edge';
    this.#padValue = options.padValue ?? 0;
    this.#multiple = options.multiple ?? config.input.dynamicMultiple ?? 32;
    this.#workers = options.workers ?? 1;
    this.#post = { threshold: options.threshold, feather: options.feather, largestComponent: options.largestComponent };
  }

  /**
   * Check segmenter options without loading anything (what {@link create} does first).
   *
   * @throws {TypeError|RangeError} for invalid options.
   */
  static validateOptions(options: PortraitSegmenterOptions): void {
    if (options === null || typeof options !== 'object') throw new TypeError(`Expected \`options\` to be an object, got \`${String(options)}\` (${typeof options})`);
    if (options.model !== undefined) assertString(options.model, 'model');
    if (options.modelDirs !== undefined) assertStringArray(options.modelDirs, 'modelDirs');
    if (options.workers !== undefined) assertInteger(options.workers, 'workers', 0, 64);
    if (options.intraOpThreads !== undefined) assertInteger(options.intraOpThreads, 'intraOpThreads', 1, 256);
    if (options.inputPolicy !== undefined) assertOneOf(options.inputPolicy, 'inputPolicy', ['squash', 'letterbox', 'pad-to-multiple']);
    if (options.padding !== undefined) assertOneOf(options.padding, 'padding', ['edge', 'constant']);
    if (options.padValue !== undefined) assertInteger(options.padValue, 'padValue', 0, 255);
    if (options.multiple !== undefined) assertInteger(options.multiple, 'multiple', 1, 4096);
    validatePostprocessOptions(options);
  }

  /**
   * Load a segmentation model and check its input/output layout.
   *
   * @throws {TypeError|RangeError} for invalid options.
   * @throws {ModelLoadError} when the model cannot be found/loaded, is not a segmentation model, or lacks the configured tensors.
   * @throws {ShapeMismatchError} when its input or output has an unexpected layout (e.g. 2 channels for a sigmoid head).
   */
  static async create(options: PortraitSegmenterOptions = {}): Promise<PortraitSegmenter> {
    PortraitSegmenter.validateOptions(options);
    const model = options.model ?? DEFAULT_SEGMENTATION_MODEL;
    const { runner, spec } = await openModel(model, {
      workers: options.workers ?? 1,
      ...(options.modelDirs ? { modelDirs: options.modelDirs } : {}),
      ...(options.intraOpThreads ? { intraOpThreads: options.intraOpThreads } : {}),
    });
    try {
      let config = options.config;
      if (!config) {
        if (!spec) {
          throw new ModelLoadError(`Model ${runner.modelId} is not in the registry: pass \`config\` ({ input, head }) to describe its input and output`, runner.modelId);
        }
        if (!isSegmentationHead(spec.head)) {
          throw new ModelLoadError(`Model ${spec.id} is a ${spec.task} model, not a segmentation model`, spec.id);
        }
        config = { input: spec.input, head: spec.head };
      }
      checkModelIo(runner, config);
      return new PortraitSegmenter(runner, config, options);
    } catch (err) {
      await runner.dispose();
      throw err;
    }
  }

  /**
   * Run the network on an RGB image and return the person probability at model resolution
   * (with where the image's content sits in it). Safe to call concurrently; results do not
   * depend on call order.
   *
   * @throws {ShapeMismatchError} for a non-RGB image (1-channel gray, 4-channel RGBA) or a wrong-sized buffer, or an unexpected output shape.
   */
  async infer(image: ImageData8): Promise<ProbabilityMap> {
    checkImage(image);
    const { input, head } = this.config;
    const pooled = this.#free.pop() ?? new Float32Array(3 * input.width * input.height);
    const prepared = prepareInput(image, input, { fit: this.#policy, padding: this.#padding, padValue: this.#padValue, multiple: this.#multiple, out: pooled, scratch: this.#scratch });
    const { tensor } = prepared;
    const hw = input.width * input.height;
    // luma guide at model resolution, read back from the tensor (de-normalised) before a worker run detaches it
    const guide = new Uint8Array(hw);
    {
      const d = tensor.data;
      const bgr = input.channelOrder === 'BGR';
      const [mr, mg, mb] = input.mean, [sr, sg, sb] = input.std;
      const pr = bgr ? 2 * hw : 0, pb = bgr ? 0 : 2 * hw;
      for (let i = 0; i < hw; i++) {
        const v = ((d[pr + i]! * sr + mr) * 77 + (d[hw + i]! * sg + mg) * 150 + (d[pb + i]! * sb + mb) * 29) / 256;
        guide[i] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
    const out = await this.#runner.run({ [input.name]: tensor }, { outputs: [head.output], onInputs: this.#reclaim });
    const t = out[head.output];
    if (!t) throw new ModelLoadError(`Model ${this.modelId} returned no "${head.output}" output`, this.modelId);
    checkOutputDims(this.modelId, head.output, t.dims, this.config);
    const channels = t.dims[1]!;
    const src = t.data as Float32Array;
    let data: Float32Array;
    if (head.activation === 'logits') {
      data = new Float32Array(hw);
      const pc = head.personChannel * hw;
      if (channels === 1) {
        for (let i = 0; i < hw; i++) data[i] = 1 / (1 + Math.exp(-src[i]!));
      } else {
        // softmax over channels, probability of the person channel
        for (let i = 0; i < hw; i++) {
          let max = -Infinity;
          for (let c = 0; c < channels; c++) if (src[c * hw + i]! > max) max = src[c * hw + i]!;
          let sum = 0;
          for (let c = 0; c < channels; c++) sum += Math.exp(src[c * hw + i]! - max);
          data[i] = Math.exp(src[pc + i]! - max) / sum;
        }
      }
    } else {
      data = src.slice(head.personChannel * hw, (head.personChannel + 1) * hw);
    }
    // the probability was copied out: the output buffer can hold a later result
    this.#runner.recycle?.(out);
    return { width: input.width, height: input.height, data, contentWidth: prepared.contentWidth, contentHeight: prepared.contentHeight, guide };
  }

  /**
   * Segment one RGB image: infer, then post-process with this segmenter's options (threshold,
   * feather, largest component). Stateless: for temporally smoothed video masks use the
   * `segmentPortrait` operator (or `postprocessMask` with a smoother).
   *
   * ## Example
   * ```ts
   * const mask = await seg.segment(frame);
   * mask.width === frame.width; // true
   * ```
   * @param image - RGB24 image or frame.
   * @param smoother - Optional per-stream temporal state (see `createTemporalSmoother`).
   * @throws {ShapeMismatchError} for a grayscale/RGBA or wrong-sized image.
   */
  async segment(image: ImageData8, smoother?: TemporalSmoother): Promise<Mask> {
    const prob = await this.infer(image);
    return postprocessMask(prob, image.width, image.height, this.#post, smoother);
  }

  /** Post-processing options this segmenter applies in {@link segment}. */
  get postprocessOptions(): MaskPostprocessOptions {
    return this.#post;
  }

  /** Worker threads running the model (0 = in this thread). */
  get workers(): number {
    return this.#workers;
  }

  /** Inference slots that can usefully run at once (`defaultConcurrency(workers)`: the worker count, at least 1). */
  get concurrency(): number {
    return defaultConcurrency(this.#workers);
  }

  /** Free the model session(s) and worker threads. Idempotent. */
  async dispose(): Promise<void> {
    await this.#runner.dispose();
  }
}
