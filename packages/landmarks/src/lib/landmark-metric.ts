import { assertInRange, assertObject, assertString, expectedMessage, readImage, type ImageData8 } from '@facepipe/core';
import { evaluateLandmarks, type LandmarkPair } from './evaluate-landmarks.js';
import { LandmarkDetector } from './landmark-detector.js';
import { DEFAULT_LANDMARK_MODEL } from '../models/pfld/pfld-models.js';
import type { LandmarkPresetId } from './landmark-preset.js';
import { matchFacesToTruth, type MatchFacesOptions } from './match-faces-to-truth.js';
import { readLandmarkAnnotations } from './read-landmark-annotations.js';

/** A face box as the landmark detector takes it (a detector's `Face`). */
type InputFace = Parameters<LandmarkDetector['detect']>[1][number];

/** Options of {@link landmarkMetric}. */
export interface LandmarkMetricOptions {
  /** Landmark ground truth: `faces-v1` annotations and/or iBUG `.pts` files. */
  readonly annotations: readonly string[];
  /**
   * Face boxes of an image, e.g. `(image) => detector.detect(image)` with an fp32 `FaceDetector`
   * (the reference protocol uses UltraFace-RFB-320). Called once per image, on the first `evaluate`:
   * every model evaluated by this metric sees the same boxes.
   */
  readonly detectFaces: (image: ImageData8) => Promise<readonly InputFace[]>;
  /** Landmark preset of the model files (default `pfld-ghostone-98`; a quantized file is not in the registry). */
  readonly preset?: LandmarkPresetId;
  /** How ground-truth faces are paired with boxes (see {@link matchFacesToTruth}). */
  readonly match?: MatchFacesOptions;
  /** Largest acceptable rise of the NME (e.g. fp32 → int8); no limit when absent. */
  readonly tolerance?: number;
  /** Name in reports (default `NME (68 pt, inter-ocular)`). */
  readonly name?: string;
}

/**
 * A landmark figure measured on a model file. It has the shape of `@facepipe/quantize`'s
 * `TaskMetric` (without this package depending on quantize).
 */
export interface LandmarkMetric {
  readonly name: string;
  /** NME: smaller is better. */
  readonly higherIsBetter: false;
  readonly tolerance?: number;
  /** Run the landmark model `modelPath` on the matched boxes and return the mean NME. */
  readonly evaluate: (modelPath: string) => Promise<number>;
}

interface Item {
  readonly image: string;
  readonly faces: readonly InputFace[];
  readonly truths: readonly Float32Array[];
}

/**
 * Landmark task metric (mean NME, lower is better): face boxes come once from `detectFaces`, each
 * ground-truth face takes its box by {@link matchFacesToTruth}, then the landmark model file runs
 * on those boxes and {@link evaluateLandmarks} scores the 68 (98 → 68 mapped) points.
 *
 * ## Example
 * ```ts
 * const detector = await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0 });
 * const metric = landmarkMetric({ annotations: ['../shared/data/faces/dlib_pascal/annotations.json'], detectFaces: (im) => detector.detect(im) });
 * await metric.evaluate('../shared/models/landmarks/PFLD_GhostOne_112_1_opt_sim.onnx'); // ~0.063
 * ```
 * @param options - ground truth, the box source and the preset; validated here.
 * @returns a metric whose `evaluate(modelPath)` gives the mean NME.
 * @throws {TypeError | RangeError} for invalid options.
 * @throws {RangeError} (from `evaluate`) when no ground-truth face matched a box.
 * @see evaluateLandmarks
 */
export function landmarkMetric(options: LandmarkMetricOptions): LandmarkMetric {
  assertObject(options, 'options');
  if (!Array.isArray(options.annotations) || options.annotations.length === 0) {
    throw new TypeError(expectedMessage('annotations', 'a non-empty array of file paths', options.annotations));
  }
  options.annotations.forEach((file, i) => assertString(file, `annotations[${i}]`));
  if (typeof options.detectFaces !== 'function') throw new TypeError(expectedMessage('detectFaces', 'a function', options.detectFaces));
  if (options.tolerance !== undefined) assertInRange(options.tolerance, 'tolerance', 0, Infinity);
  if (options.name !== undefined) assertString(options.name, 'name');
  const { annotations, detectFaces, match } = options;
  let items: Promise<Item[]> | undefined;
  const collect = async (): Promise<Item[]> => {
    const out: Item[] = [];
    for (const file of annotations) {
      for (const ann of await readLandmarkAnnotations(file)) {
        const { matched } = matchFacesToTruth(await detectFaces(await readImage(ann.image)), ann.faces, match);
        if (matched.length) out.push({ image: ann.image, faces: matched.map((m) => m.face), truths: matched.map((m) => m.truth.landmarks) });
      }
    }
    return out;
  };
  return {
    name: options.name ?? 'NME (68 pt, inter-ocular)',
    higherIsBetter: false,
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
    async evaluate(modelPath) {
      assertString(modelPath, 'modelPath');
      items ??= collect();
      const list = await items;
      const lm = await LandmarkDetector.create({ model: modelPath, preset: options.preset ?? DEFAULT_LANDMARK_MODEL, workers: 0 });
      try {
        const pairs: LandmarkPair[] = [];
        for (const item of list) {
          const faces = await lm.detect(await readImage(item.image), item.faces);
          faces.forEach((f, i) => {
            if (f.landmarks) pairs.push({ predicted: f.landmarks, truth: item.truths[i]! });
          });
        }
        return evaluateLandmarks(pairs).nme;
      } finally {
        await lm.dispose();
      }
    },
  };
}
