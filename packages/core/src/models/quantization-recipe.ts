/**
 * How a registered model is int8-quantized, owned by the stage package that defines the model (next
 * to its spec) and read by `@facepipe/quantize`'s `quantizeModel(id)` and `facepipe quantize <id>`.
 * Plain data (no functions), so it survives the registry's spec comparison and prints as JSON;
 * explicit options of a quantize call override each field.
 *
 * ## Example
 * ```ts
 * const recipe: QuantizationRecipe = { calibration: 'face-crops', fp32Nodes: ['Concat_112', 'Gemm_113'] };
 * registerModel({ ...spec, quantization: recipe });
 * ```
 */
export interface QuantizationRecipe {
  /**
   * What the model sees during calibration: `frames` (whole frames through the spec's input
   * preparation: detectors, segmenters) or `face-crops` (faces found by the fp32 default detector,
   * cropped as the stage crops them: landmark and pose models).
   */
  readonly calibration: 'frames' | 'face-crops';
  /** Activation range calibrator (quantize's default: `percentile`). */
  readonly method?: 'minmax' | 'percentile' | 'entropy';
  /** Activation type (quantize's default: `uint8`). */
  readonly activationType?: 'uint8' | 'int8';
  /** Weight bits (quantize's default: 7 with uint8 activations, else 8). */
  readonly weightBits?: 7 | 8;
  /** Nodes (by name or first output) computed in fp32: the layers int8 breaks (their weights are still stored int8). */
  readonly fp32Nodes?: readonly string[];
  /**
   * Nodes (by name or first output) computed in fp32 with their weights kept float32 too: the layers
   * whose weight rounding alone breaks the model (e.g. UltraFace's first depthwise conv).
   */
  readonly fp32WeightNodes?: readonly string[];
  /** Op types computed in fp32 everywhere in the graph (e.g. FSA-Net's capsule `MatMul`s). */
  readonly fp32OpTypes?: readonly string[];
  /** Fold `Conv -> BatchNormalization` pairs before quantizing (quantize's default: true). */
  readonly foldBatchNorm?: boolean;
  /**
   * ai.onnx opset of the int8 graph (quantize's default: 10, the first with the fused `QLinearConv`;
   * opset-1 `Slice`s are rewritten to the opset-10 form). `false` keeps the model's opset.
   */
  readonly targetOpset?: number | false;
  /** Calibration inputs to use (quantize's default: 16). */
  readonly maxSamples?: number;
  /** Why the recipe is what it is (shown by `facepipe quantize`). */
  readonly note?: string;
}
