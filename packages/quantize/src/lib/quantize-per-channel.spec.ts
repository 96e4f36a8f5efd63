import { describe, expect, it } from 'vitest';
import { resolveModel } from '@facepipe/core';
import { graphOf, readOnnxModel } from './onnx-model.js';
import { quantizePerChannel } from './quantize-per-channel.js';
import { floatTensorData, tensorDims } from './tensor-proto.js';

async function weight(id: string, name: string) {
  const model = readOnnxModel((await resolveModel(id)).path);
  const t = graphOf(model).initializer.find((x) => x.name === name)!;
  return { data: floatTensorData(t), dims: tensorDims(t) };
}

describe('quantizePerChannel on real weights', () => {
  it.each([
    // Conv [M, C, kh, kw] -> axis 0; ConvTranspose [C, M, kh, kw] -> axis 1; both bit widths
    ['ultraface-rfb-320-sim', '487', 0, 127],
    ['ultraface-rfb-320-sim', '487', 0, 63],
    ['prisma-unet-256', 'conv2d_transpose_11/kernel:0', 1, 127],
  ] as const)('%s %s axis %i qmax %i: every value within half a step of its channel scale', async (id, name, axis, qmax) => {
    const { data, dims } = await weight(id, name);
    const { values, scales } = quantizePerChannel(data, dims, axis, qmax);
    expect(scales.length).toBe(dims[axis]);
    let inner = 1;
    for (let i = axis + 1; i < dims.length; i++) inner *= dims[i];
    const channels = dims[axis];
    const absMax = new Float64Array(channels);
    let worst = 0;
    let hitMax = 0;
    for (let i = 0; i < data.length; i++) {
      const c = Math.floor(i / inner) % channels;
      absMax[c] = Math.max(absMax[c], Math.abs(data[i]));
      const err = Math.abs(values[i] * scales[c] - data[i]) / scales[c];
      worst = Math.max(worst, err);
      if (Math.abs(values[i]) === qmax) hitMax++;
      expect(Math.abs(values[i])).toBeLessThanOrEqual(qmax);
    }
    expect(worst).toBeLessThanOrEqual(0.5 + 1e-4);
    for (let c = 0; c < channels; c++) if (absMax[c] > 0) expect(scales[c]).toBeCloseTo(absMax[c] / qmax, 6);
    // each non-zero channel's largest |w| maps to ±qmax
    expect(hitMax).toBeGreaterThanOrEqual([...absMax].filter((m) => m > 0).length);
  });

  it('rejects an axis outside the dims', async () => {
    const { data, dims } = await weight('ultraface-rfb-320-sim', '487');
    expect(() => quantizePerChannel(data, dims, 4)).toThrow(RangeError);
    expect(() => quantizePerChannel(data, dims, 0.5)).toThrow(/Expected `axis` to be an integer/);
  });
});

