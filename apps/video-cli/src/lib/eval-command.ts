import fs from 'node:fs';
import path from 'node:path';
import { readImage, modelRegistry } from '@facepipe/core';
import { boxIou, evaluateDetections, FaceDetector, loadFaceAnnotations, type AnnotatedImage, type Face } from '@facepipe/detector';
import { createLandmarkDetector, evaluateLandmarks, readLandmarkAnnotations, type LandmarkAnnotation, type LandmarkPair, type LandmarkPresetId } from '@facepipe/landmarks';
import { evaluateMasks, PortraitSegmenter, readSegmentationIndex, type SegmentationPair } from '@facepipe/segmentation';
import { EXIT, type EvalOptions } from './cli-options.js';
import { stageModel } from './stage-model.js';
import { UsageError } from './usage-error.js';

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

function existing(p: string): string {
  const abs = path.resolve(p);
  if (!fs.existsSync(abs)) throw new UsageError(`--data not found: ${p}`);
  return abs;
}

/** A data file, or the conventional file inside a data folder (`annotations.json`, `index.json`). */
function dataFile(p: string, name: 'annotations.json' | 'index.json'): string {
  const abs = existing(p);
  if (!fs.statSync(abs).isDirectory()) return abs;
  const inner = path.join(abs, name);
  if (!fs.existsSync(inner)) throw new UsageError(`--data ${p} is a folder without ${name}`);
  return inner;
}

async function detector(options: EvalOptions): Promise<FaceDetector> {
  const m = await stageModel(options.detector, options.int8);
  return FaceDetector.create({ model: m.model, workers: 0, ...(options.threshold !== undefined ? { scoreThreshold: options.threshold } : {}) });
}

async function evalDetect(options: EvalOptions): Promise<Record<string, unknown>> {
  const images: AnnotatedImage[] = [];
  for (const d of options.data) images.push(...(await loadFaceAnnotations(dataFile(d, 'annotations.json'))).images);
  const det = await detector(options);
  try {
    const preds: Face[][] = [];
    for (const im of images) preds.push(await det.detect(await readImage(im.path)));
    const ev = evaluateDetections(preds, images, { iou: options.iou, minSize: options.minSize, minDetectionSize: Math.min(16, options.minSize) });
    return {
      task: 'detect',
      model: det.model,
      images: images.length,
      iou: options.iou,
      minSize: options.minSize,
      recall: r4(ev.recall),
      precision: r4(ev.precision),
      ap: r4(ev.ap),
      truePositives: ev.truePositives,
      falsePositives: ev.falsePositives,
      groundTruth: ev.groundTruth,
      ignoredGroundTruth: ev.ignoredGroundTruth,
    };
  } finally {
    await det.dispose();
  }
}

function bboxOf(points: Float32Array): [number, number, number, number] {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    x1 = Math.min(x1, points[i]!);
    x2 = Math.max(x2, points[i]!);
    y1 = Math.min(y1, points[i + 1]!);
    y2 = Math.max(y2, points[i + 1]!);
  }
  return [x1, y1, x2, y2];
}

async function landmarkSets(data: readonly string[]): Promise<LandmarkAnnotation[]> {
  const out: LandmarkAnnotation[] = [];
  for (const d of data) {
    const abs = existing(d);
    if (fs.statSync(abs).isDirectory() && fs.existsSync(path.join(abs, 'annotations.json'))) {
      out.push(...(await readLandmarkAnnotations(path.join(abs, 'annotations.json'))));
    } else if (fs.statSync(abs).isDirectory()) {
      const pts = fs.readdirSync(abs).filter((f) => f.toLowerCase().endsWith('.pts')).sort();
      if (pts.length === 0) throw new UsageError(`no .pts files or annotations.json in ${d}`);
      for (const f of pts) out.push(...(await readLandmarkAnnotations(path.join(abs, f))));
    } else out.push(...(await readLandmarkAnnotations(abs)));
  }
  return out;
}

/**
 * Landmark protocol (as in ASSETS.md): detector boxes on each annotated image, each ground-truth
 * face paired with the detection of highest IoU against its box (or, for .pts ground truth, the
 * bounding box of its points): IoU >= 0.3 (box) / 0.2 (points) or the face counts as missed;
 * NME normalised by the outer-eye-corner distance, 98-point models mapped to 68.
 */
async function evalLandmarks(options: EvalOptions): Promise<Record<string, unknown>> {
  const sets = await landmarkSets(options.data);
  const det = await detector(options);
  const m = await stageModel(options.landmarks, options.int8);
  const lm = await createLandmarkDetector({ model: m.model, workers: 0, ...(m.model !== m.base && modelRegistry.get(m.base) ? { preset: m.base as LandmarkPresetId } : {}) });
  try {
    const pairs: LandmarkPair[] = [];
    const missed: string[] = [];
    for (const ann of sets) {
      const frame = await readImage(ann.image);
      const dets = await det.detect(frame);
      const chosen: Face[] = [];
      const truths: Float32Array[] = [];
      ann.faces.forEach((gt, k) => {
        const ref = gt.box ?? bboxOf(gt.landmarks);
        let best = -1;
        let bestIou = 0;
        dets.forEach((d, j) => {
          const v = boxIou(Float32Array.from(d.box), 0, Float32Array.from(ref), 0);
          if (v > bestIou) {
            bestIou = v;
            best = j;
          }
        });
        if (best < 0 || bestIou < (gt.box ? 0.3 : 0.2)) missed.push(`${path.basename(ann.image)}#${k}`);
        else {
          chosen.push(dets[best]!);
          truths.push(gt.landmarks);
        }
      });
      if (chosen.length === 0) continue;
      const out = await lm.detect(frame, chosen);
      out.forEach((f, i) => {
        if (f.landmarks) pairs.push({ predicted: f.landmarks, truth: truths[i]! });
        else missed.push(`${path.basename(ann.image)} (no landmarks)`);
      });
    }
    const ev = evaluateLandmarks(pairs);
    return {
      task: 'landmarks',
      model: lm.modelId,
      detector: det.model,
      faces: ev.count,
      missed: missed.length,
      nme: r4(ev.nme),
      medianNme: r4(ev.medianNme),
      failureRate: r4(ev.failureRate),
      perRegion: Object.fromEntries(Object.entries(ev.perRegion).map(([k, v]) => [k, r4(v)])),
    };
  } finally {
    await det.dispose();
    await lm.dispose();
  }
}

async function evalSegment(options: EvalOptions): Promise<Record<string, unknown>> {
  const pairs: SegmentationPair[] = [];
  for (const d of options.data) pairs.push(...readSegmentationIndex(dataFile(d, 'index.json')));
  const m = await stageModel(options.segmenter, options.int8);
  const seg = await PortraitSegmenter.create({ model: m.model, workers: 0 });
  try {
    const ev = await evaluateMasks(seg, pairs);
    return { task: 'segment', model: seg.modelId, images: ev.perImage.length, miou: r4(ev.meanIouModel), miouPhoto: r4(ev.meanIou) };
  } finally {
    await seg.dispose();
  }
}

/**
 * `facepipe eval detect|landmarks|segment|track --data ...`: prints one JSON object of metrics on
 * stdout (detect: recall, precision, ap; landmarks: nme and per region; segment: miou at model
 * resolution, the reference protocol, and at photo resolution; track: MOTA, IDF1, ID switches… of
 * `commands/eval/eval-track.ts`).
 *
 * ## Example
 * ```ts
 * await evalCommand({ task: 'detect', data: ['faces/annotations.json'], iou: 0.4, minSize: 20, ... });
 * // stdout: {"task":"detect","recall":1,"precision":0.9643,"ap":0.99,...}
 * ```
 * @throws {UsageError} when a data path does not exist.
 */
export async function evalCommand(options: EvalOptions, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const t0 = performance.now();
  const result =
    options.task === 'detect' ? await evalDetect(options) : options.task === 'landmarks' ? await evalLandmarks(options) : options.task === 'track' ? await (await import('../commands/eval/eval-track.js')).evalTrack(options) : await evalSegment(options);
  out(`${JSON.stringify({ ...result, data: options.data.map((d) => path.resolve(d)), int8: options.int8, elapsedMs: Math.round(performance.now() - t0) })}\n`);
  return EXIT.ok;
}
