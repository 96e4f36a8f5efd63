/** The model flags shared by `run`, `eval` and `bench` (see {@link addModelOptions}). */
export interface ModelOptions {
  readonly detector: string;
  readonly landmarks: string;
  readonly segmenter: string;
  /** Open the int8 variants (`<stem>.int8.onnx`) instead of the fp32 models. */
  readonly int8: boolean;
}

/** The inference runtime flags shared by `run` and `bench`. */
export interface RuntimeOptions {
  /** Inference worker threads per model (0 = in the main thread). */
  readonly workers: number;
  /** onnxruntime intra-op threads per session (default: cores / workers). */
  readonly threads?: number;
  /** Frames in flight per stage (default workers + 1). */
  readonly concurrency?: number;
}
