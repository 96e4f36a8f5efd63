import path from 'node:path';
import fs from 'node:fs';
import type ort from 'onnxruntime-node';
import { loadOrt } from '../shared/lazy-import.js';
import { assertString } from '../shared/assert.js';
import { DisposedError, InferenceError, ModelLoadError, ShapeMismatchError } from '../shared/errors.js';
import type { ModelRunner, RunOptions, TensorInfo, TensorMap } from './model-runner.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { validateFeeds } from './validate-feeds.js';

/** Session settings shared by the in-process runner and the pool's workers. */
export interface SessionSettings {
  /** Intra-op threads per session (default 1 in workers, onnxruntime's default in-process). */
  readonly intraOpThreads?: number;
  /** Graph optimisation level (default `'all'`). */
  readonly graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /**
   * Let idle intra-op threads busy-wait for work (onnxruntime's default). Default `false` here:
   * facepipe runs several sessions and decoders on few cores, where spinning threads steal the CPU
   * from each other (RFB-320, 2 threads, loaded 2-core box: 13 inf/s spinning vs 19-36 without).
   */
  readonly spinning?: boolean;
  /**
   * onnxruntime's memory pattern (default `true`): plans one block per distinct set of input shapes
   * and keeps every plan. Turned off for models whose batch varies call by call (all faces of a frame
   * in one run), where each new face count added a plan: peak RSS on the hamilton clip with
   * landmarks + FSA-Net grew by ~25 MB, for ~3% of those sessions' run time.
   */
  readonly memPattern?: boolean;
}

/**
 * Session options facepipe always uses: quiet logging (old exports print hundreds of warnings),
 * sequential execution, graph optimisation `all`, no thread spinning unless asked.
 *
 * ## Example
 * ```ts
 * sessionOptions({ intraOpThreads: 1 });
 * // { logSeverityLevel: 3, executionMode: 'sequential', graphOptimizationLevel: 'all', intraOpNumThreads: 1, interOpNumThreads: 1, extra: {...} }
 * ```
 */
export function sessionOptions(settings: SessionSettings = {}): ort.InferenceSession.SessionOptions {
  return {
    logSeverityLevel: 3,
    executionMode: 'sequential',
    graphOptimizationLevel: settings.graphOptimizationLevel ?? 'all',
    ...(settings.memPattern === false ? { enableMemPattern: false } : {}),
    ...(settings.intraOpThreads ? { intraOpNumThreads: settings.intraOpThreads, interOpNumThreads: 1 } : {}),
    ...(settings.spinning ? {} : { extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } } }),
  };
}

/** Read a session's input/output metadata into {@link TensorInfo}s (symbolic dims become strings). @internal */
export function sessionTensorInfo(session: ort.InferenceSession): { inputs: TensorInfo[]; outputs: TensorInfo[] } {
  const toInfo = (m: ort.InferenceSession.ValueMetadata): TensorInfo => ({
    name: m.name,
    type: m.isTensor ? m.type : 'non-tensor',
    dims: m.isTensor ? m.shape.map((d) => (typeof d === 'number' ? d : String(d))) : [],
  });
  return { inputs: session.inputMetadata.map(toInfo), outputs: session.outputMetadata.map(toInfo) };
}

/**
 * Items of a split run ({@link RunOptions.split}): the leading dim every feed shares, 1 when there is
 * nothing to split (no feeds, a rank-0 feed). Checked before anything is sent or run. @internal
 * @throws {ShapeMismatchError} when the feeds' leading dims differ.
 */
export function splitCount(modelId: string, feeds: TensorMap): number {
  const all = Object.values(feeds);
  const first = all[0];
  if (!first || first.dims.length === 0) return 1;
  const n = first.dims[0]!;
  if (all.some((t) => t.dims.length === 0 || t.dims[0] !== n)) {
    throw new ShapeMismatchError(`the feeds of a split run of model ${modelId}`, 'tensors with one leading dim', all.map((t) => `[${t.dims.join(', ')}]`).join(', '));
  }
  return n;
}

/** The constructor of a typed array, to allocate another of its kind. */
type TypedArrayCtor = new (length: number) => Tensor['data'];

/**
 * Run `session` once per item along dim 0 of `feeds` (`n` items, dims `[1, ...rest]`, views of the
 * feeds' data) and concatenate each output's items along dim 0 (dims `[n, ...rest]`), as a batch-`n`
 * run returns them. The worker pool does the same in `inference-worker.cjs`.
 */
async function runSplit(
  onnx: typeof ort,
  session: ort.InferenceSession,
  feeds: TensorMap,
  wanted: readonly string[] | undefined,
  n: number,
): Promise<Record<string, Tensor>> {
  const items = Object.entries(feeds).map(([name, t]) => ({ name, type: t.type as ort.Tensor.Type, dims: [1, ...t.dims.slice(1)], data: t.data, per: t.data.length / n }));
  const out: Record<string, Tensor> = {};
  for (let k = 0; k < n; k++) {
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const f of items) ortFeeds[f.name] = new onnx.Tensor(f.type, f.data.subarray(k * f.per, (k + 1) * f.per) as ort.Tensor.DataType, f.dims);
    const res = wanted ? await session.run(ortFeeds, wanted as string[]) : await session.run(ortFeeds);
    for (const [name, t] of Object.entries(res)) {
      const d = t.data;
      if (!ArrayBuffer.isView(d) || t.dims[0] !== 1) {
        throw new Error(`split run: output "${name}" of one item is ${ArrayBuffer.isView(d) ? `[${t.dims.join(', ')}]` : `of type ${t.type}`}, expected a numeric tensor with leading dim 1`);
      }
      const data = d as Tensor['data'];
      let o = out[name];
      if (k === 0) out[name] = o = { type: t.type as DType, dims: [n, ...t.dims.slice(1)], data: new (data.constructor as TypedArrayCtor)(n * data.length) };
      if (!o || o.data.constructor !== data.constructor || o.data.length !== n * data.length) throw new Error(`split run: output "${name}" of item ${k} differs in type or size from item 0's`);
      (o.data as { set(a: ArrayLike<number | bigint>, offset: number): void }).set(data, k * data.length);
    }
  }
  return out;
}

/** Live in-process sessions, for leak tests. */
let liveSessions = 0;
/**
 * Number of in-process sessions created by {@link createSessionRunner} and not yet disposed (for leak tests).
 *
 * ## Example
 * ```ts
 * const before = liveSessionCount();
 * const r = await createSessionRunner(file); // liveSessionCount() === before + 1
 * await r.dispose(); // liveSessionCount() === before
 * ```
 */
export function liveSessionCount(): number {
  return liveSessions;
}

/**
 * Load a model into an onnxruntime-node session in this thread.
 *
 * `run()` blocks the event loop while it computes; use the worker pool (`openModel` with
 * `workers >= 1`) to run inference concurrently with decoding.
 *
 * Every `run()` validates its feeds against the model's metadata first ({@link validateFeeds}).
 * With `split` ({@link RunOptions.split}) a batch runs item by item and its outputs come back
 * concatenated along dim 0, as from a batch run.
 *
 * ## Example
 * ```ts
 * const runner = await createSessionRunner('models/ultraface/version-RFB-320.onnx', { intraOpThreads: 1 });
 * const { scores } = await runner.run({ input: createTensor('float32', [1, 3, 240, 320]) });
 * scores.dims; // [1, 4420, 2]
 * await runner.dispose();
 * ```
 * @throws {ModelLoadError} when the file is missing or onnxruntime cannot parse it (e.g. not an ONNX file).
 * `run()` rejects with {@link ShapeMismatchError} for bad feeds and {@link InferenceError} when onnxruntime fails.
 */
export async function createSessionRunner(modelPath: string, settings: SessionSettings & { modelId?: string } = {}): Promise<ModelRunner> {
  assertString(modelPath, 'modelPath');
  const abs = path.resolve(modelPath);
  const modelId = settings.modelId ?? path.basename(abs);
  if (!fs.existsSync(abs)) throw new ModelLoadError(`Model file not found: ${abs}`, modelId);
  const onnx = await loadOrt();
  let session: ort.InferenceSession;
  try {
    session = await onnx.InferenceSession.create(abs, sessionOptions(settings));
  } catch (err) {
    throw new ModelLoadError(`onnxruntime could not load model ${modelId} from ${abs}: ${(err as Error).message}`, modelId, { cause: err });
  }
  liveSessions++;
  const { inputs, outputs } = sessionTensorInfo(session);
  let disposed = false;
  return {
    modelPath: abs,
    modelId,
    inputs,
    outputs,
    async run(feeds: TensorMap, options: RunOptions = {}) {
      if (disposed) throw new DisposedError('model runner', modelId, `Model ${modelId} was disposed`);
      validateFeeds(modelId, inputs, outputs, feeds, options.outputs);
      const n = options.split ? splitCount(modelId, feeds) : 1;
      let out: Record<string, Tensor>;
      try {
        if (n > 1) {
          out = await runSplit(onnx, session, feeds, options.outputs, n);
        } else {
          const ortFeeds: Record<string, ort.Tensor> = {};
          for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new onnx.Tensor(t.type as ort.Tensor.Type, t.data as ort.Tensor.DataType, t.dims);
          const res = options.outputs ? await session.run(ortFeeds, options.outputs as string[]) : await session.run(ortFeeds);
          out = {};
          for (const [name, t] of Object.entries(res)) out[name] = { type: t.type as DType, dims: [...t.dims], data: t.data as Tensor['data'] };
        }
      } catch (err) {
        throw new InferenceError(`Inference failed in model ${modelId}: ${(err as Error).message}`, modelId, { cause: err });
      }
      options.onInputs?.({ ...feeds });
      return out;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      liveSessions--;
      await session.release();
    },
  };
}
