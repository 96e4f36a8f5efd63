import type { QuantizationRecipe } from '@facepipe/core';

/**
 * Int8 recipe of the UltraFace exports: calibrated on whole frames (squashed to the input like at
 * run time); BatchNorm is folded and the opset-9 graph raised to 10 (its `Slice`s rewritten), so the
 * default `ultraface-rfb-320` quantizes as well as the `-sim` export.
 */
export const ULTRAFACE_QUANTIZATION: QuantizationRecipe = { calibration: 'frames' };

/**
 * Recipe of the exports with in-graph box decoding (`ultraface-rfb-320`, the default): as
 * {@link ULTRAFACE_QUANTIZATION}, and the prior decoding (`Mul`s, the two centre `Add`s, by output
 * tensor) stays fp32, so box coordinates are not rounded to an 8-bit grid.
 */
export const ULTRAFACE_DECODED_QUANTIZATION: QuantizationRecipe = {
  calibration: 'frames',
  fp32OpTypes: ['Mul'],
  fp32Nodes: ['468', '485'],
  note: 'in-graph box decoding kept fp32',
};
