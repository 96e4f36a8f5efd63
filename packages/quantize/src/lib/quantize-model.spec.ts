import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { DecoderError, liveSessionCount, modelRegistry, ModelLoadError } from '@facepipe/core';
import { CalibrationError, NotOnnxError } from './errors.js';
import { faceCropPreprocess } from './face-crop-preprocess.js';
import { formatReport } from './format-report.js';
import { loadCalibrationSamples } from './load-calibration-samples.js';
import { createQuantizationReport } from './quantization-report.js';
import { quantizeModel } from './quantize-model.js';
import { readOnnxModel } from './onnx-model.js';
import { detectionMetric } from '../metrics/detection-metric.js';
import { landmarkMetric } from '../metrics/landmark-metric.js';
import { maskMetric } from '../metrics/mask-metric.js';

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

describe('quantizeModel on the three target models (percentile 99.99, uint8 activations, 7-bit per-channel weights)', () => {
  it('UltraFace RFB-320 simplified: loads and runs, <= 0.35x size, dlib recall stays 1.0, WIDER recall drops <= 0.03', async () => {
    const sessions = liveSessionCount();
    const output = path.join(outDir, 'ultraface-rfb-320-sim.int8.onnx');
    const q = await quantizeModel('ultraface-rfb-320-sim', { output, calibration: calibrationDir, maxSamples: 16, intraOpThreads: 1 });
    expect(fs.existsSync(output)).toBe(true);
    expect(q.calibrationSamples).toBe(16);
    expect(q.sizeRatio).toBeLessThanOrEqual(0.35);
    expect(q.opset).toEqual({ from: 9, to: 10 });
    expect(q.quantizedOps.Conv).toBe(52);
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
    expect(report.outputs.scores.cosine).toBeGreaterThan(0.999);
    expect(report.outputs.boxes.cosine).toBeGreaterThan(0.99);
    expect(report.layers.length).toBeGreaterThan(40);
    const [dlib, wider] = report.task!;
    expect(dlib.fp32).toBe(1);
    expect(dlib.int8).toBe(1);
    expect(wider.fp32 - wider.int8).toBeLessThanOrEqual(0.03);
    expect(report.latency!.map((l) => l.threads)).toEqual([1, 2]);
    expect(liveSessionCount()).toBe(sessions);
  });
});
