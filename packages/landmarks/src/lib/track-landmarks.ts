import type { OperatorFunction } from 'rxjs';
import { assertInRange, assertInteger, assertObject, expectedMessage, mapOrdered, withResults, type Face, type Frame, type FrameWithFaces, type ImageData8 } from '@facepipe/core';
import { LandmarkDetector } from './landmark-detector.js';
import { FrameChange } from './frame-change.js';
import { LandmarkTrack } from './landmark-track.js';

/** Options of {@link trackLandmarks}. */
export interface TrackLandmarksOptions {
  /**
   * Finds the faces of a whole frame, e.g. a `FaceDetector` from `@facepipe/detector` (landmarks
   * depends on core alone, so the caller creates it and disposes it when done).
   */
  readonly detector: { detect(image: ImageData8): Promise<readonly Face[]> };
  /** The landmark model (not disposed by the operator). */
  readonly landmarks: LandmarkDetector;
  /**
   * Run the detector at least every this many frames, so a face that walks in is found within
   * this many frames (default {@link DEFAULT_DETECT_EVERY}; 1 = every frame, the same faces and landmarks as
   * `detectFaces` + `detectLandmarks`).
   */
  readonly detectEvery?: number;
  /** A face whose landmarks' spread changes by more than this ratio from one frame to the next is lost (default 1.3). */
  readonly maxScaleChange?: number;
  /** A face whose landmarks' centre moves more than this many box sizes from one frame to the next is lost (default 0.5). */
  readonly maxShift?: number;
  /**
   * A frame whose mean luma differs from the previous one's by more than this (in [0, 1], over a
   * 32x18 grid of pixels) is a scene cut: new faces may have appeared, so the detector runs on it
   * (default 0.08; on the shared clips cuts measure 0.11-0.12 and ordinary motion at most 0.055; 1 = off).
   */
  readonly cutThreshold?: number;
}

/**
 * Default `detectEvery` of {@link trackLandmarks}: the longest interval that met the bounds against
 * the exact mode on both shared clips (face-frames, landmark deviation, new faces, id switches).
 */
export const DEFAULT_DETECT_EVERY = 2;

/**
 * Frames of {@link trackLandmarks} in flight at once. More than 2 lets a scheduled detection and its
 * landmarks run ahead while the frames before it are followed, so the detector's and the landmark
 * model's workers wait less for each other. Throughput of trackLandmarks → trackFaces → estimatePose
 * on the hamilton clip decoded beforehand, each model in one worker with 1 intra-op thread on 2 cores
 * (bench/video-mode-throughput.bench.mjs, median of 4 rounds, one bench run per value, shared
 * machine): 2 → ~102 fps, 3 → ~110, 4 → ~121, 6 → ~118, 8 → ~114; `facepipe run --mode video
 * --workers 1` on the clip (2 runs each): 3 → ~88, 4 → ~96, 6 → ~95 fps.
 * @internal
 */
const IN_FLIGHT = 4;

/** IoU at which a detection is the same face as a followed one (for "was a face lost?"). */
const SAME_FACE_IOU = 0.3;
/** Two followed faces overlapping more than this have converged on one face: the later one is dropped. */
const DUPLICATE_IOU = 0.5;

const clampBox = (b: readonly number[], w: number, h: number): [number, number, number, number] => [
  Math.min(w, Math.max(0, b[0]!)),
  Math.min(h, Math.max(0, b[1]!)),
  Math.min(w, Math.max(0, b[2]!)),
  Math.min(h, Math.max(0, b[3]!)),
];

/**
 * RxJS operator, the video mode of the face stages: detect faces and their landmarks on every
 * frame, but run the face detector only when needed, as MediaPipe and Human do. Between
 * detections each face's next crop is placed from its current landmarks (the box the detector drew
 * at the last detection, carried by the landmarks, see the crop rule of `LandmarkDetector`), so
 * a frame costs one landmark run per face instead of a detector run plus the landmark runs.
 *
 * The detector runs on frames 0, `detectEvery`, 2 `detectEvery`, …, on a scene cut (the frame's
 * pixels changed a lot: new faces may have appeared), whenever no face is followed
 * (so a face that appears is found at once then), on the frame after a detection that did not find
 * a followed face again, after a face too small for landmarks, and at once on a frame whose
 * landmarks lost a face (spread or centre jumped, or the face left the frame). A detection frame's
 * faces and landmarks are exactly those of `detectFaces` + `detectLandmarks`.
 *
 * Emits each frame with `results.faces` (box, score of the face's last detection, landmarks; no
 * `id`: pipe `trackFaces` after it for ids). Frames come out in order. A frame between detections
 * places its crops from the previous frame's landmarks, so it waits for the previous frame; a
 * scheduled detection (every `detectEvery`-th frame or a scene cut) and its landmarks need only
 * the frame, so they start when the frame arrives (4 frames in flight) and overlap
 * the earlier frames' work: only matching the detected faces against the followed ones waits for
 * the previous frame. The results are the same as one frame at a time. State is per subscription;
 * after unsubscribe no further model run is started.
 *
 * ## Example
 * ```ts
 * const detector = await FaceDetector.create({ scoreThreshold: 0.5 });
 * const landmarks = await LandmarkDetector.create();
 * readFrames('clip.mp4').pipe(
 *   trackLandmarks({ detector, landmarks, detectEvery: 2 }),
 *   trackFaces({ highScore: 0.6 }),
 * ).subscribe((f) => console.log(f.index, f.results.faces.map((face) => face.id)));
 * ```
 * @throws {TypeError | RangeError} synchronously for invalid options; model errors arrive as error notifications.
 */
export function trackLandmarks(options: TrackLandmarksOptions): OperatorFunction<Frame, FrameWithFaces> {
  assertObject(options as unknown, 'options');
  const { detector, landmarks } = options;
  if (detector === null || typeof detector !== 'object' || typeof detector.detect !== 'function') {
    throw new TypeError(expectedMessage('detector', 'an object with a detect(image) method (e.g. a FaceDetector)', detector));
  }
  if (!(landmarks instanceof LandmarkDetector)) throw new TypeError(expectedMessage('landmarks', 'a LandmarkDetector', landmarks));
  const detectEvery = options.detectEvery ?? DEFAULT_DETECT_EVERY;
  assertInteger(detectEvery, 'detectEvery', 1, 10_000);
  const limits = { maxScaleChange: options.maxScaleChange ?? 1.3, maxShift: options.maxShift ?? 0.5 };
  assertInRange(limits.maxScaleChange, 'maxScaleChange', 1, 100);
  assertInRange(limits.maxShift, 'maxShift', 0, 100);
  const cutThreshold = options.cutThreshold ?? 0.08;
  assertInRange(cutThreshold, 'cutThreshold', 0, 1);

  interface State {
    tracks: LandmarkTrack[];
    /** Frames that arrived so far (the schedule is frames 0, detectEvery, 2 detectEvery, ...). */
    arrived: number;
    /** Detect on the next frame whatever the schedule says. */
    force: boolean;
    /** Settles when the previous frame's faces are known (frames are followed one after another). */
    previous: Promise<void>;
    change: FrameChange;
    /** The subscription ended: model work not started yet is not started any more. */
    closed: boolean;
  }

  /** Faces (with landmarks) of a detection of the whole frame: the detector, then landmarks in the detected boxes. */
  const detectWithLandmarks = async (frame: Frame, st: State, detection: Promise<readonly Face[]>): Promise<Face[]> => {
    const found = await detection;
    return found.length > 0 && !st.closed ? landmarks.detect(frame, found) : found.slice();
  };

  /**
   * The bookkeeping of a detection frame, once the previous frame is done: the detected faces
   * (`faces`, with landmarks) become the followed faces; a followed face not found again, or a face
   * without landmarks, makes the next frame detect too.
   */
  const takeDetection = (faces: Face[], st: State): Face[] => {
    const taken = new Uint8Array(st.tracks.length);
    const next: LandmarkTrack[] = [];
    let force = false;
    for (const face of faces) {
      if (!face.landmarks) {
        force = true; // too small (or no finite landmarks): it cannot be followed, so look again next frame
        continue;
      }
      let best = -1, bestIou = SAME_FACE_IOU;
      st.tracks.forEach((t, i) => {
        const v = taken[i] ? 0 : t.iou(face.box);
        if (v >= bestIou) [best, bestIou] = [i, v];
      });
      if (best >= 0) taken[best] = 1;
      next.push(new LandmarkTrack(face.box, face.score, face.landmarks));
    }
    // A followed face the detector did not find again: the detector may have missed it this once (look again next frame).
    if (taken.some((t) => t === 0)) force = true;
    st.tracks = next;
    st.force = force;
    return faces;
  };

  const followFrame = async (frame: Frame, st: State): Promise<Face[] | undefined> => {
    const { width, height } = frame;
    const crops: Face[] = st.tracks.map((t) => ({ box: clampBox(t.box, width, height), score: t.score }));
    const got = await landmarks.detect(frame, crops);
    const out: Face[] = [];
    const kept: LandmarkTrack[] = [];
    for (let i = 0; i < st.tracks.length; i++) {
      const t = st.tracks[i]!;
      const lm = got[i]?.landmarks;
      if (!lm || !t.follow(lm, width, height, limits)) return undefined; // a face was lost: detect on this frame
      if (kept.some((k) => k.iou(t.box) > DUPLICATE_IOU)) continue;
      kept.push(t);
      out.push({ box: clampBox(t.box, width, height), score: t.score, landmarks: lm });
    }
    st.tracks = kept;
    return out;
  };

  // IN_FLIGHT frames in flight. A scheduled detection and its landmarks (they need only the detected
  // boxes) start as soon as the frame arrives, so the detector and the landmark model run while the
  // earlier frames are followed; only the bookkeeping against the followed faces waits for the
  // previous frame. A frame that is not scheduled follows the previous frame's landmarks, so its
  // landmark work starts when the previous frame is done. Every change of the state happens after
  // `await previous`, in frame order, and the schedule depends on the frame count and the frames'
  // pixels alone: the results are those of one frame at a time.
  return mapOrdered<Frame, FrameWithFaces, State>(
    async (frame, st) => {
      if (st.closed) return withResults(frame, { faces: [] }) as FrameWithFaces; // a frame taken in just before teardown: dropped
      const cut = st.change.measure(frame) > cutThreshold;
      const scheduled = st.arrived++ % detectEvery === 0 || cut;
      const early = scheduled ? detectWithLandmarks(frame, st, detector.detect(frame)) : undefined;
      early?.catch(() => undefined); // awaited below; no unhandled rejection while the previous frame finishes or after teardown
      const previous = st.previous;
      let done!: () => void;
      st.previous = new Promise<void>((resolve) => (done = resolve));
      try {
        await previous;
        let faces: Face[];
        if (early) faces = takeDetection(await early, st);
        else if (st.closed) faces = []; // torn down: the result is dropped, so no model work is started for it
        else {
          const due = st.force || st.tracks.length === 0;
          const followed = due ? undefined : await followFrame(frame, st);
          faces = followed ?? (st.closed ? [] : takeDetection(await detectWithLandmarks(frame, st, detector.detect(frame)), st));
        }
        return withResults(frame, { faces }) as FrameWithFaces;
      } finally {
        done();
      }
    },
    {
      concurrency: IN_FLIGHT,
      setup: (): State => ({ tracks: [], arrived: 0, force: false, previous: Promise.resolve(), change: new FrameChange(), closed: false }),
      teardown: (st) => {
        st.closed = true;
      },
    },
  );
}
