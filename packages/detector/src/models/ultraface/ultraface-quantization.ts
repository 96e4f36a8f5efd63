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
 * 24 calibration samples: -sim 20, 18, 18 by the generic recipe, 19, 19, 19 with 8-bit weights alone,
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
 * - the old recipe lost that face (int8 0.578: 19/67) at every calibration size (8-24), method and
 *   weight width, and with any one backbone block, head or the whole stride-8 path (`base_net.0-7`,
 *   `classification_headers.0`) computed in fp32 — because those fp32 nodes still had int8 weights;
 * - weight rounding alone (all activations fp32, int8 weights in one layer at a time) put it at
 *   0.577 for `base_net.1.0`'s weights and 0.603-0.612 for every other layer's of the stride-8 path (mean |score change|
 *   over the scored WIDER faces 0.019 vs <= 0.007): the 3x3 depthwise filters after folding carry a
 *   large DC gain, and 8-bit rounding shifts it per channel;
 * - with this one node fp32 and float: the face scores 0.620, WIDER 20/67, dlib 27/27, mean |score
 *   change| 0.011 (was 0.026), and the int8 detector's boxes add +0.0005 NME with fp32 PFLD (was
 *   +0.0022). Robust to the calibration: 20/67 at 8, 16, 24 samples and with minmax; 21 at 20; 19
 *   at 12 and with entropy. (Empirical bias correction of that layer instead got 19-20/67, face
 *   0.585-0.606.) The file is no larger (507 273 vs 507 810 bytes: the
 *   float 16x1x3x3 filter replaces its int8 copy and Q/DQ tensors).
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
