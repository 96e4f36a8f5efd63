import path from 'node:path';
import fs from 'node:fs';
import type ort from 'onnxruntime-node';
import { loadOrt } from '../shared/lazy-import.js';
import { assertString } from '../shared/assert.js';
import { DisposedError, InferenceError, ModelLoadError } from '../shared/errors.js';
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
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new onnx.Tensor(t.type as ort.Tensor.Type, t.data as ort.Tensor.DataType, t.dims);
      let res: ort.InferenceSession.ReturnType;
      try {
        res = options.outputs ? await session.run(ortFeeds, options.outputs as string[]) : await session.run(ortFeeds);
      } catch (err) {
        throw new InferenceError(`Inference failed in model ${modelId}: ${(err as Error).message}`, modelId, { cause: err });
      }
      const out: Record<string, Tensor> = {};
      for (const [name, t] of Object.entries(res)) out[name] = { type: t.type as DType, dims: [...t.dims], data: t.data as Tensor['data'] };
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
