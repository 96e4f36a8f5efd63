import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import onnxProto from 'onnx-proto';
import { ModelLoadError, ShapeMismatchError, createFrame } from '@facepipe/core';
import type { Face } from '@facepipe/core';
import { LandmarkDetector } from './landmark-detector.js';
import { landmarkPreset } from './landmark-preset.js';
import { faceCropRect } from './face-crop-rect.js';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

/** Base points of the fake model: point i at ((i % 14 + 0.5) / 14, (floor(i / 14) + 0.5) / 7) in crop units. */
const BASE = Float32Array.from({ length: 196 }, (_, k) => (k % 2 === 0 ? ((k / 2) % 14 + 0.5) / 14 : (Math.floor(k / 2 / 14) + 0.5) / 7));

const vi = (name: string, dims: number[]) => ({ name, type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });

/**
 * A stand-in with PFPLD's interface (opset 11): input `input` [1,3,112,112];
 * `pose` [1,3] = per-channel mean of the input (radians); `landms` [1,196] = BASE + 0.1 * mean of the whole input.
 */
function buildFakePfpld(landmsSize = 196, gain = 0.1): Uint8Array {
  const model = {
    irVersion: 6,
    producerName: 'facepipe-test',
    opsetImport: [{ domain: '', version: 11 }],
    graph: {
      name: 'fake_pfpld',
      node: [
        { opType: 'ReduceMean', input: ['input'], output: ['pose'], attribute: [{ name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, ints: [2, 3] }, { name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
        { opType: 'ReduceMean', input: ['input'], output: ['m4'], attribute: [{ name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, ints: [1, 2, 3] }, { name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 1 }] },
        { opType: 'Reshape', input: ['m4', 'shape11'], output: ['m'] },
        { opType: 'Mul', input: ['m', 'k'], output: ['scaled'] },
        { opType: 'Add', input: ['scaled', 'base'], output: ['landms'] },
      ],
      initializer: [
        { name: 'shape11', dataType: INT64, dims: [2], int64Data: [1, 1] },
        { name: 'k', dataType: FLOAT, dims: [1, landmsSize], floatData: Array.from({ length: landmsSize }, () => gain) },
        { name: 'base', dataType: FLOAT, dims: [1, landmsSize], floatData: Array.from({ length: landmsSize }, (_, i) => BASE[i % 196]!) },
      ],
      input: [vi('input', [1, 3, 112, 112])],
      output: [vi('pose', [1, 3]), vi('landms', [1, landmsSize])],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.fromObject(model)).finish();
}

describe("PFPLD adapter (preset 'pfpld', explicit path) on a model built by the test", () => {
  let dir: string;
  let good: string;
  let bad: string;
  let nan: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-pfpld-'));
    good = path.join(dir, 'pfpld.onnx');
    bad = path.join(dir, 'pfpld-136.onnx');
    fs.writeFileSync(good, buildFakePfpld());
    fs.writeFileSync(bad, buildFakePfpld(136));
    nan = path.join(dir, 'pfpld-nan.onnx');
    fs.writeFileSync(nan, buildFakePfpld(196, Number.NaN));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the preset mirrors the registry: /255 RGB input, pose in radians, 98 points, crop 1.2', () => {
    const p = landmarkPreset('pfpld');
    expect(p).toMatchObject({ output: 'landms', points: 98, cropScale: 1.2, pose: { output: 'pose', unit: 'radians' } });
    expect(p.input).toMatchObject({ name: 'input', size: 112, channelOrder: 'RGB', mean: [0, 0, 0], std: [255, 255, 255] });
  });

  it('maps radians to degrees and crop-normalised points to frame pixels; the fixed batch 1 of the export is rewritten to a dynamic one (one run for both faces)', async () => {
    const [R, G, B] = [200, 100, 50];
    const W = 200, H = 160;
    const data = new Uint8Array(W * H * 3);
    for (let i = 0; i < W * H; i++) data.set([R, G, B], i * 3);
    const frame = createFrame({ data, width: W, height: H });
    const faces: Face[] = [
      { box: [40, 30, 100, 110], score: 0.9 },
      { box: [120, 50, 160, 90], score: 0.8, id: 4 },
    ];
    const lm = await LandmarkDetector.create({ model: good, preset: 'pfpld', workers: 0 });
    try {
      expect(lm.batched).toBe(true);
      const out = await lm.detect(frame, faces);
      expect(out).toHaveLength(2);
      const deg = 180 / Math.PI;
      const mean = (R + G + B) / 3 / 255;
      for (const [k, face] of out.entries()) {
        expect(face.id).toBe(faces[k]!.id);
        expect(face.pose!.yaw).toBeCloseTo((R / 255) * deg, 2); // float32 reduction
        expect(face.pose!.pitch).toBeCloseTo((G / 255) * deg, 2); // float32 reduction
        expect(face.pose!.roll).toBeCloseTo((B / 255) * deg, 2); // float32 reduction
        const rect = faceCropRect(faces[k]!.box, { shape: 'square', scale: 1.2 });
        expect(rect.x + rect.width).toBeLessThanOrEqual(W); // uniform crop: the fake's mean is exact
        for (const i of [0, 1, 57, 97]) {
          expect(face.landmarks![2 * i]).toBeCloseTo((BASE[2 * i]! + 0.1 * mean) * rect.width + rect.x, 3);
          expect(face.landmarks![2 * i + 1]).toBeCloseTo((BASE[2 * i + 1]! + 0.1 * mean) * rect.height + rect.y, 3);
        }
      }
      // square side = max(w, h) * 1.2, centred on the box
      expect(faceCropRect(faces[0]!.box, { shape: 'square', scale: 1.2 })).toEqual({ x: 22, y: 22, width: 96, height: 96 });
    } finally {
      await lm.dispose();
    }
  });

  it('never returns NaN points: a model producing NaN leaves the face without landmarks', async () => {
    const frame = createFrame({ data: new Uint8Array(64 * 64 * 3).fill(90), width: 64, height: 64 });
    const face: Face = { box: [10, 10, 50, 50], score: 1 };
    const lm = await LandmarkDetector.create({ model: nan, preset: 'pfpld', workers: 0 });
    try {
      const [out] = await lm.detect(frame, [face]);
      expect(out).toBe(face);
      expect(out!.landmarks).toBeUndefined();
    } finally {
      await lm.dispose();
    }
  });

  it("refuses a model whose output size doesn't match the preset, and a missing file", async () => {
    await expect(LandmarkDetector.create({ model: bad, preset: 'pfpld', workers: 0 })).rejects.toBeInstanceOf(ShapeMismatchError);
    await expect(LandmarkDetector.create({ model: 'pfpld', workers: 0, modelDirs: [dir + '-missing'] })).rejects.toBeInstanceOf(ModelLoadError);
  });
});
