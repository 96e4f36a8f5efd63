import { map, type OperatorFunction } from './rxjs.js';
import { assertInteger, assertOneOf, defaultConcurrency, mapOrdered, withResults, type Frame } from '@facepipe/core';
import type { Face } from '@facepipe/core';
import { FsanetPoseEstimator, type FsanetPoseOptions } from './fsanet-pose-estimator.js';
import { solvePnpPose } from './solve-pnp-pose.js';

/** How {@link estimatePose} gets each face's head pose. */
export type PoseMethod = 'fsanet' | 'pnp' | 'model';

/** Options of {@link estimatePose}. */
export interface EstimatePoseOptions extends FsanetPoseOptions {
  /**
   * `'fsanet'` (default): FSA-Net 1x1 + var on the face box. `'pnp'`: from each face's landmarks
   * (run `detectLandmarks` first). `'model'`: keep the pose the landmark model produced (PFPLD);
   * faces without one are left as they are.
   */
  readonly method?: PoseMethod;
  /** Frames in flight at once for `'fsanet'` (default: one per worker of the model, see core's `defaultConcurrency`). Output order always equals input order. */
  readonly concurrency?: number;
  /** PnP focal length in pixels (default: frame width). */
  readonly focalLength?: number;
  /**
   * Use this FSA-Net estimator instead of loading one per subscription (it is not disposed by the
   * operator): lets a batch of inputs share one set of sessions. FSA-Net model options are then the estimator's.
   */
  readonly estimator?: FsanetPoseEstimator;
}

const METHODS: readonly PoseMethod[] = ['fsanet', 'pnp', 'model'];

function pnpFaces(frame: Frame, faces: readonly Face[], focalLength: number | undefined): Face[] {
  return faces.map((face) => {
    const lm = face.landmarks;
    if (!lm || !lm.every(Number.isFinite)) return face;
    const p = solvePnpPose(lm, { imageWidth: frame.width, imageHeight: frame.height, ...(focalLength ? { focalLength } : {}) });
    if (![p.yaw, p.pitch, p.roll].every(Number.isFinite)) return face;
    return { ...face, pose: { yaw: p.yaw, pitch: p.pitch, roll: p.roll } };
  });
}

/**
 * RxJS operator: set `pose` ({@link HeadPose}: yaw, pitch, roll in degrees, facepipe's convention)
 * on the faces of every frame, by FSA-Net, by PnP from landmarks, or from the landmark model's
 * own pose output. Frames come out in input order; FSA-Net models are loaded per subscription and
 * released on unsubscribe, error or completion (unless an `estimator` is passed in). The frame type
 * passes through: a `FrameWithFaces` comes out as one.
 *
 * ## Example
 * ```ts
 * frames$.pipe(detectFaces(), detectLandmarks(), estimatePose({ method: 'pnp' }))
 *   .subscribe((f) => console.log(f.results.faces?.[0]?.pose)); // { yaw: 12.1, pitch: -3.4, roll: 1.9 }
 * ```
 * @throws {RangeError} synchronously for an unknown method or invalid concurrency.
 */
export function estimatePose<F extends Frame = Frame>(options: EstimatePoseOptions = {}): OperatorFunction<F, F> {
  const method = options.method ?? 'fsanet';
  assertOneOf(method, 'method', METHODS);
  const concurrency = options.concurrency ?? defaultConcurrency(options.estimator ? options.estimator.workers : options.workers);
  assertInteger(concurrency, 'concurrency', 1, 64);
  if (method === 'model') return (source) => source;
  if (method === 'pnp') {
    return map((frame: F) => {
      const faces = frame.results.faces;
      return !faces || faces.length === 0 ? frame : withResults(frame, { faces: pnpFaces(frame, faces, options.focalLength) });
    });
  }
  const given = options.estimator;
  return mapOrdered<F, F, FsanetPoseEstimator>(
    async (frame, fsa) => {
      const faces = frame.results.faces;
      if (!faces || faces.length === 0) return frame;
      return withResults(frame, { faces: await fsa.estimate(frame, faces) });
    },
    { concurrency, setup: () => given ?? FsanetPoseEstimator.create(options), teardown: (fsa) => (given ? undefined : fsa.dispose()) },
  );
}
