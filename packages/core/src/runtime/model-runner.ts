import type { DType, Tensor } from '../tensor/tensor.js';

/** Name, element type and dimensions of a model input or output. Symbolic dims are strings (`"batch_size"`), unknown ones `-1`. */
export interface TensorInfo {
  readonly name: string;
  readonly type: DType | string;
  readonly dims: readonly (number | string)[];
}

/** Feeds or fetches of one run, by tensor name. */
export type TensorMap = Readonly<Record<string, Tensor>>;

/** Options of {@link ModelRunner.run}. */
export interface RunOptions {
  /** Outputs to fetch (default: all). */
  readonly outputs?: readonly string[];
  /** Send copies of the inputs to a worker and leave the caller's buffers attached. */
  readonly copyInputs?: boolean;
  /**
   * Called with the input tensors once the runtime is done with them, before `run` resolves: for a
   * worker pool these are the buffers transferred back from the worker (the caller's own arrays
   * stay detached), in-process the caller's own tensors. Lets a caller pool its input buffers.
   */
  readonly onInputs?: (inputs: Record<string, Tensor>) => void;
  /**
   * Run a batch item by item, in one call: when every feed has the same leading dim N > 1, the
   * session runs N times, run k on item k of each feed (a view of it along dim 0, dims
   * `[1, ...rest]`, no copy), and `run` resolves with each output's N items concatenated along dim 0
   * (dims `[N, ...rest]`): the names, element types, dims and values a batch-N run returns. With a
   * worker pool the N runs happen inside one job (one message each way). Feeds are validated as for
   * the batch-N run, so the model must accept batch N; `onInputs` gets the whole input buffers and
   * `recycle` takes the concatenated outputs. With N = 1 it is a normal run.
   *
   * Use it for models whose batch-N run costs more than N batch-1 runs at the session's thread
   * count, to keep one call per frame without the batch: PFLD-GhostOne 112 at 1 intra-op thread
   * (batch 4 10.4-11.1 ms against 4 batch-1 runs 9.9 ms, and a 22.6 MB bigger onnxruntime arena).
   * The gain depends on the threads: at 2 intra-op threads the same batch 4 takes 8.8 ms and the 4
   * batch-1 runs 11.3 ms. Leave it off for models that gain from batching (FSA-Net: batch 4 4.14 ms
   * against 4 x 1.44 ms). Every output of an item run must have a leading dim of 1,
   * else the run rejects with `InferenceError`; feeds whose leading dims differ reject with
   * `ShapeMismatchError`.
   */
  readonly split?: boolean;
}

/**
 * A loaded model that can run inference: an in-process onnxruntime session or a pool of
 * worker-thread sessions. Both give identical outputs for identical inputs.
 */
export interface ModelRunner {
  /** Absolute path of the model file. */
  readonly modelPath: string;
  /** Registry id when resolved from one, else the file's base name. */
  readonly modelId: string;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  /**
   * Run the model. Input tensors may be transferred to a worker (their buffers become detached)
   * unless `copyInputs` is set. Results come back in call order per caller.
   */
  run(feeds: TensorMap, options?: RunOptions): Promise<Record<string, Tensor>>;
  /**
   * Hand the output tensors of an earlier run back once they have been read, so later runs can
   * return their outputs in the same buffers instead of new ones (a worker pool copies each new
   * result into a returned buffer of the same output, size and type, and transfers that). The
   * tensors must not be used afterwards. Optional; a no-op for in-process sessions.
   */
  recycle?(outputs: TensorMap): void;
  /** Free the session(s) and worker threads. Idempotent. */
  dispose(): Promise<void>;
}
