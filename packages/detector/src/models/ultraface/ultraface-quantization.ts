import type { QuantizationRecipe } from '@facepipe/core';

/**
 * Int8 recipe of the UltraFace exports: calibrated on whole frames (squashed to the input like at
 * run time); BatchNorm is folded and the opset-9 graph raised to 10 (its `Slice`s rewritten), so the
 * default `ultraface-rfb-320` quantizes as well as the `-sim` export.
 */
export const ULTRAFACE_QUANTIZATION: QuantizationRecipe = { calibration: 'frames' };

/**
 * Recipe of the raw RFB-320 exports (`ultraface-rfb-320-raw`, `ultraface-rfb-320-sim`; `depthwise`:
 * the output of their first depthwise conv `base_net.1.0` after folding, `249` / `248`): as
 * {@link ULTRAFACE_QUANTIZATION} with 8-bit weights and that conv fp32 with float32 weights, the fix
 * of {@link ULTRAFACE_DECODED_QUANTIZATION} (same network). WIDER faces found (fp32 20/67) with 8, 16,
 * 24 calibration samples: -sim 20, 18, 18 by the generic recipe, 18, 19, 19 with 8-bit weights alone,
 * 19, 19, 19 with the fp32 conv alone, 20, 20, 20 with both; -raw 20, 18, 18 -> 20, 20, 20. dlib
 * 27/27 in every case.
 */
function rfb320Raw(depthwise: string): QuantizationRecipe {
  return { calibration: 'frames', weightBits: 8, fp32WeightNodes: [depthwise], note: 'first depthwise conv fp32 with float weights; 8-bit weights' };
}
export const ULTRAFACE_RFB_320_RAW_QUANTIZATION: QuantizationRecipe = rfb320Raw('249');
export const ULTRAFACE_RFB_320_SIM_QUANTIZATION: QuantizationRecipe = rfb320Raw('248');

/**
 * Recipe of the RFB-320 export with in-graph box decoding (`ultraface-rfb-320`, the default): as
 * {@link ULTRAFACE_QUANTIZATION}, and everything from the raw box regressions on stays fp32, as in
 * the raw exports (node output tensors: `460` the regression `Concat`, `468`/`485` the centre and
 * corner `Add`s, `475` the centre/size `Concat`; and every `Mul`): with the regression `Concat`
 * int8 one per-tensor scale rounds the box offsets of all four scales. The scores' `Concat` (`459`)
 * stays fp32 too. 8-bit weights (not the 7-bit AVX2 default).
 *
 * The first depthwise conv (`base_net.1.0`, output `249` after BatchNorm folding) is fp32 **with
 * float32 weights** (`fp32WeightNodes`). Measured after the antialiased default resize (fp32: WIDER
 * 20/67 = 0.2985, dlib 27/27; the WIDER face nearest the 0.6 threshold scores 0.607 in fp32):
 * - the recipe without it lost that face (int8 0.578: 19/67) at every calibration size (8-24),
 *   method and weight width, and also with any one backbone block or head, or the whole stride-8
 *   path (`base_net.0-7`, `classification_headers.0`), computed in fp32 — `fp32Nodes` keep their
 *   weights int8. Calibration preprocessing is not the cause: it is bit-identical to the detector's.
 * - weight rounding alone (every activation fp32, int8 weights in one layer at a time) put the face
 *   at 0.577 with `base_net.1.0`'s weights, at 0.603-0.612 with any other stride-8 layer's; mean
 *   |score change| over the scored WIDER faces 0.019 vs <= 0.007.
 * - with that conv fp32 and float: the face 0.620, WIDER 20/67, dlib 27/27, mean |score change|
 *   0.011 (was 0.026); int8 detector boxes + fp32 PFLD +0.0005 NME (was +0.0022), int8 detector +
 *   int8 PFLD +0.0008 (was +0.0032). Over calibration choices: 20/67 at 8, 12, 16, 24 samples and
 *   with minmax, 21 at 20 (at 12 that face is lost and another found); 19 with entropy and with
 *   7-bit weights. Not kept: empirical bias
 *   correction of that conv (19-20/67, face 0.585-0.606) and output-MSE-optimal rounding of its
 *   int8 weights (face 0.575). The file is no larger (507 273 vs 507 810 bytes); the fp32 island
 *   costs ~0.25 ms of ~3 ms int8 (still 2.1x fp32's speed).
 * With 16 samples, percentile calibration.
 */
export const ULTRAFACE_DECODED_QUANTIZATION: QuantizationRecipe = {
  calibration: 'frames',
  weightBits: 8,
  maxSamples: 16,
  fp32OpTypes: ['Mul'],
  fp32Nodes: ['459', '460', '468', '475', '485'],
  fp32WeightNodes: ['249'],
  note: 'box regressions, decoding and the score Concat fp32; first depthwise conv fp32 with float weights; 8-bit weights; 16 samples',
};
