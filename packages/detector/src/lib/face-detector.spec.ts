import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrame, DisposedError, liveSessionCount, liveWorkerCount, loadFaceAnnotations, ModelLoadError, ModelRegistry, readImage, registerModel, ShapeMismatchError, type Face, type FaceAnnotations, type Frame } from '@facepipe/core';
import { ULTRAFACE_MODELS } from '../models/ultraface/ultraface-models.js';
import { FaceDetector } from './face-detector.js';
import { evaluateDetections } from './evaluate-detections.js';

const shared = process.env.FACEPIPE_SHARED!;
const models = process.env.FACEPIPE_MODELS!;

/** Reference figures from shared/ASSETS.md: recall at IoU 0.4 on GT faces >= 20 px, detections >= 16 px, threshold 0.6. */
const REFERENCE_WIDER_RECALL: Record<string, number> = {
  'ultraface-rfb-320': 0.284,
  'ultraface-slim-320-raw': 0.164,
  'ultraface-rfb-640': 0.552,
  'yunet-640': 0.463,
};

/** wider_val true positives with default settings (area resize), same protocol: the figures measured when 'area' became the default. */
const DEFAULT_WIDER_TP: Record<string, number> = {
  'ultraface-rfb-320': 20,
  'ultraface-slim-320-raw': 11,
  'ultraface-rfb-640': 40,
  'yunet-640': 32,
};

describe('FaceDetector accuracy on the shared annotations (reference protocol)', () => {
  let wider: FaceAnnotations, dlib: FaceAnnotations;
  let widerImgs: Frame[], dlibImgs: Frame[];
  beforeAll(async () => {
    wider = await loadFaceAnnotations(path.join(shared, 'data/faces/wider_val/annotations.json'));
    dlib = await loadFaceAnnotations(path.join(shared, 'data/faces/dlib_pascal/annotations.json'));
    widerImgs = await Promise.all(wider.images.map((im) => readImage(im.path)));
    dlibImgs = await Promise.all(dlib.images.map((im) => readImage(im.path)));
  });

  for (const [model, expected] of Object.entries(REFERENCE_WIDER_RECALL)) {
    it(`${model}: wider_val recall within ±0.03 of ${expected}, dlib_pascal recall 1.0; AP reported`, async () => {
      const resize = model.startsWith('yunet') ? 'letterbox' : 'squash';
      const detector = await FaceDetector.create({ model, workers: 0, scoreThreshold: 0.6, iouThreshold: 0.3, resize, resampler: 'sharp' });
      try {
        const protocol = { iou: 0.4, minSize: 20, minDetectionSize: 16 };
        const wp: Face[][] = [];
        for (const im of widerImgs) wp.push(await detector.detect(im));
        const dp: Face[][] = [];
        for (const im of dlibImgs) dp.push(await detector.detect(im));
        const w = evaluateDetections(wp, wider.images, protocol);
        const d = evaluateDetections(dp, dlib.images, protocol);
        // The same model with default settings (the fused antialiased 'area' resize) must find at least as many faces.
        const byDefault = await FaceDetector.create({ model, workers: 0 });
        const wa: Face[][] = [];
        for (const im of widerImgs) wa.push(await byDefault.detect(im));
        const da: Face[][] = [];
        for (const im of dlibImgs) da.push(await byDefault.detect(im));
        await byDefault.dispose();
        const a = evaluateDetections(wa, wider.images, protocol);
        const ad = evaluateDetections(da, dlib.images, protocol);
        console.log(
          `[accuracy] ${model} (${resize}, sharp lanczos3): wider_val recall ${w.recall.toFixed(3)} (ref ${expected}) AP ${w.ap.toFixed(3)} precision ${w.precision.toFixed(3)} ` +
            `TP ${w.truePositives} FP ${w.falsePositives} GT ${w.groundTruth} (ignored ${w.ignoredGroundTruth}); dlib_pascal recall ${d.recall.toFixed(3)} AP ${d.ap.toFixed(3)} precision ${d.precision.toFixed(3)}; ` +
            `default (area): wider_val recall ${a.recall.toFixed(3)} AP ${a.ap.toFixed(3)} TP ${a.truePositives}; dlib_pascal recall ${ad.recall.toFixed(3)} AP ${ad.ap.toFixed(3)}`,
        );
        expect(w.groundTruth).toBe(67);
        expect(Math.abs(w.recall - expected)).toBeLessThanOrEqual(0.03 + 1e-9);
        // default settings: equal to or better than the antialiased sharp reference, on both sets
        expect(a.truePositives).toBeGreaterThanOrEqual(DEFAULT_WIDER_TP[model]!);
        expect(a.truePositives).toBeGreaterThanOrEqual(w.truePositives);
        expect(ad.recall).toBe(1);
        expect(w.ap).toBeGreaterThan(0.1);
        expect(w.ap).toBeLessThanOrEqual(w.recall + 1e-9);
        expect(d.groundTruth).toBe(27);
        expect(d.recall).toBe(1);
        expect(d.ap).toBeGreaterThan(0.95);
      } finally {
        await detector.dispose();
      }
    });
  }
});

describe('FaceDetector behaviour', () => {
  let two: Frame;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-detector-'));
  beforeAll(async () => {
    two = await readImage(path.join(shared, 'data/photos/fr_two_people.jpg'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('finds the two faces of a photo with every UltraFace variant and YuNet, boxes inside the frame', async () => {
    const results: Record<string, Face[]> = {};
    for (const model of ['ultraface-rfb-320', 'ultraface-rfb-320-sim', 'ultraface-slim-320', 'yunet-640']) {
      const d = await FaceDetector.create({ model, workers: 0 });
      results[model] = await d.detect(two);
      await d.dispose();
      // slim-320 on an antialiased input (the default 'area' resize, and sharp lanczos3 alike) also scores a
      // folded-arms patch at ~0.7; the two faces are its two best boxes, far ahead
      const faces = model === 'ultraface-slim-320' ? results[model]!.filter((f) => f.score > 0.99) : results[model]!;
      expect(faces, `${model}: ${JSON.stringify(results[model])}`).toHaveLength(2);
      expect(results[model]!.slice(0, 2)).toEqual(faces);
      for (const f of results[model]!) {
        expect(f.box[0]).toBeGreaterThanOrEqual(0);
        expect(f.box[2]).toBeLessThanOrEqual(two.width);
        expect(f.box[3]).toBeLessThanOrEqual(two.height);
        expect(f.score).toBeGreaterThan(0.6);
      }
    }
    // YuNet: 5 keypoints inside its box, left eye left of right eye, nose between the eyes and mouth.
    for (const f of results['yunet-640']!) {
      const k = f.keypoints!;
      expect(k).toHaveLength(5);
      expect(k[0]![0]).toBeLessThan(k[1]![0]);
      expect(k[2]![1]).toBeGreaterThan(k[0]![1]);
      expect(k[3]![1]).toBeGreaterThan(k[2]![1]);
      for (const [x, y] of k) {
        expect(x).toBeGreaterThan(f.box[0]);
        expect(x).toBeLessThan(f.box[2]);
        expect(y).toBeGreaterThan(f.box[1]);
        expect(y).toBeLessThan(f.box[3]);
      }
    }
    console.log('[detect] fr_two_people', JSON.stringify(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.map((f) => [...f.box.map((x) => +x.toFixed(1)), +f.score.toFixed(3)])]))));
  });

  it('a worker pool gives the same faces as the in-process session, concurrent calls resolve to their own images', async () => {
    const photos = ['fr_two_people.jpg', 'fr_biden.jpg', 'ghostone_duo.jpg'].map((f) => path.join(shared, 'data/photos', f));
    const imgs = await Promise.all(photos.map((p) => readImage(p)));
    // same intra-op thread count as each pool worker (cores / 2), so the outputs are bit-identical
    const workersBefore = liveWorkerCount();
    const pool = await FaceDetector.create({ workers: 2 });
    const local = await FaceDetector.create({ workers: 0, intraOpThreads: Math.max(1, Math.floor(os.availableParallelism() / 2)) });
    const expected: Face[][] = [];
    for (const im of imgs) expected.push(await local.detect(im));
    // Run twice: the second in-process pass reuses input buffers.
    for (const im of imgs) expect(await local.detect(im)).toEqual(expected[imgs.indexOf(im)]);
    await local.dispose();
    const got = await pool.detectMany([...imgs, ...imgs]);
    await pool.dispose();
    expect(liveWorkerCount()).toBe(workersBefore);
    expect(got.slice(0, 3)).toEqual(expected);
    expect(got.slice(3)).toEqual(expected);
  });

  it('letterbox maps boxes back to the same faces as squash', async () => {
    const a = await FaceDetector.create({ workers: 0, resize: 'squash' });
    const b = await FaceDetector.create({ workers: 0, resize: 'letterbox' });
    expect(b.options.resize).toBe('letterbox');
    const fa = await a.detect(two);
    const fb = await b.detect(two);
    await a.dispose();
    await b.dispose();
    expect(fb.length).toBeGreaterThanOrEqual(fa.length);
    for (const f of fa) {
      const c = (q: Face): number => Math.abs((q.box[0] + q.box[2]) / 2 - (f.box[0] + f.box[2]) / 2);
      const match = fb.reduce((p, q) => (c(q) < c(p) ? q : p));
      expect(c(match)).toBeLessThan(0.1 * (f.box[2] - f.box[0]));
    }
  });

  it('dynamic YuNet accepts an input size that keeps the aspect (multiples of 32) and rejects others', async () => {
    const d = await FaceDetector.create({ model: 'yunet-dynamic', workers: 0, inputSize: { width: 640, height: 384 } });
    expect([d.inputWidth, d.inputHeight]).toEqual([640, 384]);
    expect(await d.detect(two)).toHaveLength(2);
    await d.dispose();
    await expect(FaceDetector.create({ model: 'yunet-dynamic', workers: 0, inputSize: { width: 640, height: 360 } })).rejects.toThrow(/multiples of 32/);
    await expect(FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0, inputSize: { width: 640, height: 480 } })).rejects.toBeInstanceOf(ShapeMismatchError);
  });

  it('an unregistered file: the family is inferred from its outputs (and raw vs decoded UltraFace is probed)', async () => {
    fs.copyFileSync(path.join(models, 'ultraface/version-RFB-320_without_postprocessing.onnx'), path.join(tmp, 'my-detector.onnx'));
    fs.copyFileSync(path.join(models, 'ultraface/version-RFB-320.onnx'), path.join(tmp, 'my-decoded.onnx'));
    fs.copyFileSync(path.join(models, 'yunet/yunet_s_320_320.onnx'), path.join(tmp, 'my-yunet.onnx'));
    const raw = await FaceDetector.create({ model: path.join(tmp, 'my-detector.onnx'), workers: 0 });
    const dec = await FaceDetector.create({ model: path.join(tmp, 'my-decoded.onnx'), workers: 0 });
    const yn = await FaceDetector.create({ model: path.join(tmp, 'my-yunet.onnx'), workers: 0 });
    expect([raw.family, dec.family, yn.family]).toEqual(['ultraface-raw', 'ultraface', 'yunet']);
    expect([yn.inputWidth, yn.inputHeight]).toEqual([320, 320]);
    const fr = await raw.detect(two);
    const fd = await dec.detect(two);
    expect(fr).toHaveLength(2);
    for (let i = 0; i < fr.length; i++) for (let k = 0; k < 4; k++) expect(fr[i]!.box[k]).toBeCloseTo(fd[i]!.box[k]!, 2);
    expect((await yn.detect(two)).length).toBeGreaterThanOrEqual(1);
    for (const d of [raw, dec, yn]) await d.dispose();
  });

  it('bad input: wrong models, zero-size frames, options out of range -> named errors with the offending value', async () => {
    const sessions = liveSessionCount();
    // a registered model whose head no detector decoder claims (another stage's, or SCRFD's)
    const registry = new ModelRegistry([{ ...ULTRAFACE_MODELS[0]!, id: 'other-stage-model', task: 'landmarks', head: { kind: 'landmarks' } }]);
    registerModel(registry.list());
    await expect(FaceDetector.create({ model: 'other-stage-model', workers: 0 })).rejects.toThrow(
      new ModelLoadError('Model other-stage-model is a landmarks model (head "landmarks"), not a supported face detector; use an UltraFace or YuNet model (e.g. ultraface-rfb-320, yunet-640)', 'other-stage-model'),
    );
    await expect(FaceDetector.create({ model: 'scrfd-500m', workers: 0 })).rejects.toThrow(/scrfd-500m is a face-detection model \(head "scrfd"\), not a supported face detector/);
    // A landmark model by path (not registered here: only the detector's models are) and an unknown copy of it: outputs inspected.
    await expect(FaceDetector.create({ model: path.join(models, 'landmarks/PFLD_GhostOne_112_1_opt_sim.onnx'), workers: 0 })).rejects.toThrow(/not a face detector facepipe can decode: its outputs are "output"/);
    fs.copyFileSync(path.join(models, 'landmarks/PFLD_GhostOne_112_1_opt_sim.onnx'), path.join(tmp, 'mystery.onnx'));
    const err = await FaceDetector.create({ model: path.join(tmp, 'mystery.onnx'), workers: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as Error).message).toMatch(/its outputs are "output" \[1,196\]/);
    expect(liveSessionCount()).toBe(sessions);
    await expect(FaceDetector.create({ model: 'no-such-model', workers: 0 })).rejects.toThrow(ModelLoadError);

    await expect(FaceDetector.create({ scoreThreshold: 1.5 })).rejects.toThrow(new RangeError('Expected `scoreThreshold` to be a number in [0, 1], got `1.5` (number)'));
    await expect(FaceDetector.create({ iouThreshold: -0.1 })).rejects.toThrow(/`iouThreshold`.*`-0.1`/);
    await expect(FaceDetector.create({ scoreThreshold: NaN })).rejects.toThrow(/`scoreThreshold`.*NaN/);
    await expect(FaceDetector.create({ nms: 'fast' as never })).rejects.toThrow(/`nms`/);
    await expect(FaceDetector.create({ topK: 0 })).rejects.toThrow(/`topK`/);
    await expect(FaceDetector.create({ workers: -1 })).rejects.toThrow(/`workers`/);
    await expect(FaceDetector.create({ modelDirs: [''] })).rejects.toThrow('Expected `modelDirs` to be an array of non-empty strings, got `[""]` (array)');
    const fromDir = await FaceDetector.create({ modelDirs: [path.join(process.env.FACEPIPE_MODELS!, 'yunet')], model: 'yunet-320', workers: 0 });
    expect(fromDir.family).toBe('yunet');
    await fromDir.dispose();

    const d = await FaceDetector.create({ workers: 0 });
    await expect(d.detect({ width: 0, height: 10, channels: 3, data: new Uint8Array(0) })).rejects.toThrow(/`image.width`.*`0`/);
    await expect(d.detect({ width: 10, height: 10, channels: 3, data: new Uint8Array(5) })).rejects.toBeInstanceOf(ShapeMismatchError);
    await expect(d.detect(null as never)).rejects.toThrow(TypeError);
    // A blank frame is valid input and simply has no faces.
    expect(await d.detect(createFrame({ width: 64, height: 48, data: new Uint8Array(64 * 48 * 3) }))).toEqual([]);
    await d.dispose();
    await expect(d.detect(two)).rejects.toThrow(new DisposedError('FaceDetector', 'ultraface-rfb-320'));
    await expect(d.detect(two)).rejects.toBeInstanceOf(DisposedError);
  });

  it('minFaceSize and topK filter the result; soft and blend NMS keep the same faces', async () => {
    const base = await FaceDetector.create({ workers: 0 });
    const faces = await base.detect(two);
    await base.dispose();
    const smallest = Math.min(...faces.map((f) => Math.min(f.box[2] - f.box[0], f.box[3] - f.box[1])));
    const big = await FaceDetector.create({ workers: 0, minFaceSize: smallest + 1 });
    expect(await big.detect(two)).toHaveLength(faces.length - 1);
    await big.dispose();
    const top1 = await FaceDetector.create({ workers: 0, topK: 1 });
    expect(await top1.detect(two)).toEqual(faces.slice(0, 1));
    await top1.dispose();
    for (const nms of ['soft-linear', 'soft-gaussian', 'blend'] as const) {
      const d = await FaceDetector.create({ workers: 0, nms });
      const got = await d.detect(two);
      await d.dispose();
      expect(got.length).toBeGreaterThanOrEqual(faces.length);
      for (let i = 0; i < faces.length; i++) for (let k = 0; k < 4; k++) expect(Math.abs(got[i]!.box[k]! - faces[i]!.box[k]!)).toBeLessThan(8);
    }
  });
});

describe('FaceDetector from model bytes', () => {
  it('a Buffer of the UltraFace file detects exactly what the id does', async () => {
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-det-bytes-'));
    try {
      const photo = await readImage(path.join(shared, 'data/photos/fr_two_people.jpg'));
      const byId = await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0 });
      const byBytes = await FaceDetector.create({ model: fs.readFileSync(path.join(models, 'ultraface/version-RFB-320.onnx')), workers: 1 });
      const [a, b] = [await byId.detect(photo), await byBytes.detect(photo)];
      await Promise.all([byId.dispose(), byBytes.dispose()]);
      expect(byBytes.model).toBe('ultraface-rfb-320');
      expect(a.length).toBeGreaterThanOrEqual(2);
      expect(b).toEqual(a);
    } finally {
      fs.rmSync(process.env.XDG_CACHE_HOME!, { recursive: true, force: true });
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});
