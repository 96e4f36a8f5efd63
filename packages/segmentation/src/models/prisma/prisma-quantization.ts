import type { QuantizationRecipe } from '@facepipe/core';

/**
 * Int8 recipe of Prisma-Net: calibrated on whole frames (squashed to 256x256 as at run time);
 * the opset-7 graph is raised to 10; the `ConvTranspose` upsamplers have no CPU int8 kernel and run
 * fp32 on dequantized inputs. 8 calibration frames (a 256x256 frame exposes ~41 M values: 8 already
 * give mIoU -0.00004 on the HSD pairs, 16 double the time for nothing); quantize's defaults otherwise.
 */
export const PRISMA_QUANTIZATION: QuantizationRecipe = { calibration: 'frames', maxSamples: 8 };
