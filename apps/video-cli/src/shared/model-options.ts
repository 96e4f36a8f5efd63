/** The model flags shared by `run`, `eval` and `bench` (see {@link addModelOptions}). */
export interface ModelOptions {
  readonly detector: string;
  readonly landmarks: string;
  readonly segmenter: string;
  /** Open the int8 variants (`<stem>.int8.onnx`) instead of the fp32 models. */
  readonly int8: boolean;
  /**
   * For a model file facepipe does not recognise by content (sha256, then inputs/outputs): the
   * registry model it is driven like (`--detector-family`, `--landmarks-family`, `--segmenter-family`).
   */
  readonly detectorFamily?: string;
  readonly landmarksFamily?: string;
  readonly segmenterFamily?: string;
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
