import type { DType, Tensor } from '../tensor/tensor.js';

/** Name, element type and dimensions of a model input or output. Symbolic dims are strings (`"batch_size"`), unknown ones `-1`. */
export interface TensorInfo {
  readonly name: string;
  readonly type: DType | string;
  readonly dims: readonly (number | string)[];
}

/** Feeds or fetches of one run, by tensor name. */
export type TensorMap = Readonly<Record<string, Tensor>>;

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
  run(feeds: TensorMap, options?: { outputs?: readonly string[]; copyInputs?: boolean }): Promise<Record<string, Tensor>>;
  /** Free the session(s) and worker threads. Idempotent. */
  dispose(): Promise<void>;
}
