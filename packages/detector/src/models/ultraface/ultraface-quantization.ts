import type { QuantizationRecipe } from '@facepipe/core';

/**
 * Int8 recipe of the UltraFace exports: calibrated on whole frames (squashed to the input like at
 * run time); BatchNorm is folded and the opset-9 graph raised to 10 (its `Slice`s rewritten), so the
 * default `ultraface-rfb-320` quantizes as well as the `-sim` export.
 */
export const ULTRAFACE_QUANTIZATION: QuantizationRecipe = { calibration: 'frames' };

/**
 * Recipe of the RFB-320 export with in-graph box decoding (`ultraface-rfb-320`, the default): as
 * {@link ULTRAFACE_QUANTIZATION}, and everything from the raw box regressions on stays fp32, as in
 * the raw exports (node output tensors: `460` the regression `Concat`, `468`/`485` the centre and
 * corner `Add`s, `475` the centre/size `Concat`; and every `Mul`): with the regression `Concat`
 * int8 one per-tensor scale rounds the box offsets of all four scales. The scores' `Concat` (`459`)
 * stays fp32 too. 8-bit weights (not the 7-bit AVX2 default): the scores' SQNR is the same
 * (40.0 vs 40.1 dB on 19 held-out photos, so U8S8 saturation does not bite here), but with 7 bits
 * one WIDER face at fp32 score 0.612 fell below the 0.6 threshold at every calibration count tried
 * (4-24), with 8 bits and 16 samples WIDER recall equals fp32 (also at 20 and 24; 8 and 12 gain a face).
 */
export const ULTRAFACE_DECODED_QUANTIZATION: QuantizationRecipe = {
  calibration: 'frames',
  weightBits: 8,
  maxSamples: 16,
  fp32OpTypes: ['Mul'],
  fp32Nodes: ['459', '460', '468', '475', '485'],
  note: 'box regressions, decoding and the score Concat fp32; 8-bit weights; 16 samples',
};
