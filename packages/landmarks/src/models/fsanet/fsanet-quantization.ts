import type { QuantizationRecipe } from '@facepipe/core';

/**
 * Int8 recipe of both FSA-Net models: calibrated on face crops; BatchNorm folded and the opset-9
 * graph raised to 10 (opset-1 `Slice`s rewritten). Only the convolutional streams (and their
 * pooling) are int8: the capsule routing and fine-grained aggregation (`Gemm`, `MatMul`, `Mul`,
 * `Add`, `Sigmoid`, `Concat`) stay fp32 — quantized too they moved the angles by 2.0° on average
 * (max 19°) on the dlib faces, against 0.5° (max 2.1°) this way.
 *
 * The calibration crops are the pose stage's (`stageFaceCrop`: the box x1.2, not squared, `'area'`
 * resize), not the landmark stage's square x1 bicubic crop used before: pose of the int8 pair vs
 * fp32 (fp32 UltraFace boxes), mean |Δ angle| on the 27 dlib faces 0.46° (max 1.67°) -> 0.39° (max
 * 1.44°); 17 faces of the shared photos 0.29° -> 0.31°; 25 WIDER faces >= 20 px 1.17° -> 1.16° (max
 * 7.7° -> 10.3°, one small face).
 */
export const FSANET_QUANTIZATION: QuantizationRecipe = {
  calibration: 'face-crops',
  fp32OpTypes: ['Gemm', 'MatMul', 'Mul', 'Add', 'Sigmoid', 'Concat'],
  note: 'face-crop calibration; convolutions int8, capsule routing and aggregation fp32',
};
