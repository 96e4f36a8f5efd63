/**
 * A task metric evaluated on a model file (detector recall, landmark NME, mask mIoU, ...): a named
 * figure, its direction and, optionally, how much of it a quantized model may lose. Quantization
 * is generic ONNX work, so this package ships no metric itself: each stage package exports one
 * beside its evaluator (`detectionMetric` in `@facepipe/detector`, `landmarkMetric` in
 * `@facepipe/landmarks`, `segmentationMetric` in `@facepipe/segmentation`), and any object of this
 * shape works.
 *
 * ## Example
 * ```ts
 * const metric: TaskMetric = { name: 'mean output', higherIsBetter: true, tolerance: 0.01, evaluate: async (file) => meanOutput(file) };
 * const report = await createQuantizationReport(q, { samples, metrics: [metric] });
 * report.task?.[0].withinTolerance; // true
 * ```
 */
export interface TaskMetric {
  /** Name shown in the report, e.g. `recall@wider_val`. */
  readonly name: string;
  /** Whether larger values are better (recall, mIoU) or worse (NME). */
  readonly higherIsBetter: boolean;
  /** Largest acceptable change for the worse from fp32 to int8, in the figure's units (e.g. 0.02 mIoU); no limit when absent. */
  readonly tolerance?: number;
  /** Evaluate one model file; called once for the fp32 and once for the int8 model. */
  readonly evaluate: (modelPath: string) => Promise<number>;
}
