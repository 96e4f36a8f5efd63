import type { QuantizationRecipe } from '@facepipe/core';

/**
 * Int8 recipe of PFLD-GhostOne: calibrated on face crops (fp32 detector boxes, cropped as the
 * landmark stage crops them: whole photos calibrate the wrong ranges, +0.0070 NME), with the
 * multi-scale head (`Concat_112` of four pooled scales -> `Gemm_113`) in fp32: one per-tensor scale
 * for the four ranges wipes out the small-scale features (+0.0046 NME with it int8, +0.0006 without).
 */
export const PFLD_GHOSTONE_QUANTIZATION: QuantizationRecipe = {
  calibration: 'face-crops',
  fp32Nodes: ['Concat_112', 'Gemm_113'],
  note: 'face-crop calibration; multi-scale Concat -> Gemm head fp32',
};

/** Int8 recipe of the other PFLD exports: face-crop calibration, quantize's defaults otherwise. */
export const PFLD_QUANTIZATION: QuantizationRecipe = { calibration: 'face-crops' };
