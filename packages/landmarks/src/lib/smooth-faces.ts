import { Observable, type OperatorFunction } from './rxjs.js';
import { assertInteger, assertObject, withResults, type Frame } from '@facepipe/core';
import type { Face } from '@facepipe/core';
import { OneEuroFilter, type OneEuroOptions } from './one-euro-filter.js';

/** Options of {@link smoothFaces}: One Euro parameters per signal, and track expiry. */
export interface SmoothFacesOptions {
  /**
   * Landmarks, in pixels (default `{ minCutoff: 1, beta: 0.005, dCutoff: 1 }`, tuned on driving.mp4:
   * -37% frame-to-frame displacement, 1 frame of lag on fast motion).
   */
  readonly landmarks?: OneEuroOptions;
  /** Box corners, in pixels (default: as landmarks). */
  readonly box?: OneEuroOptions;
  /** Yaw, pitch, roll, in degrees (default `{ minCutoff: 1, beta: 0.1, dCutoff: 1 }`). */
  readonly pose?: OneEuroOptions;
  /** Forget a track's filter state after it has been missing for this many frames (default 10). */
  readonly maxAge?: number;
}

interface TrackState {
  box: OneEuroFilter;
  landmarks?: OneEuroFilter;
  pose?: OneEuroFilter;
  lastSeen: number;
}

const DEFAULT_LM: OneEuroOptions = { minCutoff: 1, beta: 0.005, dCutoff: 1 };
const DEFAULT_POSE: OneEuroOptions = { minCutoff: 1, beta: 0.1, dCutoff: 1 };

/**
 * RxJS operator: temporal smoothing of each tracked face (faces with an `id`, from `trackFaces`)
 * with One Euro filters (Casiez et al., CHI 2012) on its box, landmarks and pose, driven by
 * `frame.timeMs`. A filter's cutoff rises with speed, so jitter is cut while the face is still and
 * fast motion is followed with little lag. Faces without an `id` pass through unchanged. State is
 * per subscription; a track missing for more than `maxAge` frames is forgotten (it restarts
 * unsmoothed if the id comes back).
 *
 * ## Example
 * ```ts
 * frames$.pipe(detectFaces(), trackFaces(), detectLandmarks(), estimatePose(), smoothFaces({ landmarks: { minCutoff: 0.5, beta: 0.05 } }));
 * ```
 * @throws {RangeError} synchronously for invalid parameters.
 */
export function smoothFaces<F extends Frame = Frame>(options: SmoothFacesOptions = {}): OperatorFunction<F, F> {
  assertObject(options as unknown, 'options');
  const lmOpts = { ...DEFAULT_LM, ...options.landmarks };
  const boxOpts = { ...DEFAULT_LM, ...options.box };
  const poseOpts = { ...DEFAULT_POSE, ...options.pose };
  const maxAge = options.maxAge ?? 10;
  assertInteger(maxAge, 'maxAge', 0);
  // validate parameters once, up front
  new OneEuroFilter(1, lmOpts);
  new OneEuroFilter(1, boxOpts);
  new OneEuroFilter(1, poseOpts);

  return (source) =>
    new Observable<F>((sub) => {
      const tracks = new Map<number, TrackState>();
      let frameNo = 0;
      const box4 = new Float64Array(4);
      const pose3 = new Float64Array(3);
      const smoothFace = (face: Face, t: number, n: number): Face => {
        if (face.id === undefined) return face;
        let st = tracks.get(face.id);
        if (!st) {
          st = { box: new OneEuroFilter(4, boxOpts), lastSeen: n };
          tracks.set(face.id, st);
        }
        st.lastSeen = n;
        const b = st.box.filter(face.box, t, box4);
        const out: { -readonly [K in keyof Face]: Face[K] } = { ...face, box: [b[0]!, b[1]!, b[2]!, b[3]!] };
        if (face.landmarks) {
          if (!st.landmarks || st.landmarks.size !== face.landmarks.length) st.landmarks = new OneEuroFilter(face.landmarks.length, lmOpts);
          out.landmarks = st.landmarks.filter(face.landmarks, t, new Float32Array(face.landmarks.length)) as Float32Array;
        }
        if (face.pose) {
          st.pose ??= new OneEuroFilter(3, poseOpts);
          const p = st.pose.filter([face.pose.yaw, face.pose.pitch, face.pose.roll], t, pose3);
          out.pose = { yaw: p[0]!, pitch: p[1]!, roll: p[2]! };
        }
        return out;
      };
      return source.subscribe({
        next(frame) {
          const n = frameNo++;
          const faces = frame.results.faces;
          let result = frame;
          if (faces && faces.length > 0) {
            try {
              result = withResults(frame, { faces: faces.map((f) => smoothFace(f, frame.timeMs, n)) });
            } catch (err) {
              sub.error(err);
              return;
            }
          }
          for (const [id, st] of tracks) if (n - st.lastSeen > maxAge) tracks.delete(id);
          sub.next(result);
        },
        error: (err: unknown) => sub.error(err),
        complete: () => sub.complete(),
      });
    });
}
