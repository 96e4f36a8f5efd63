import { Observable, type OperatorFunction } from './rxjs.js';
import { assertInRange, assertInteger, assertObject, withResults, type Face, type Frame, type FrameWithFaces } from '@facepipe/core';
import { FaceTrack } from './face-track.js';
import { assignWithGate } from './solve-assignment.js';

/** Options of {@link trackFaces}. */
export interface TrackFacesOptions {
  /** Minimum IoU between a track's predicted box and a face for them to be matched (default 0.3). */
  readonly iouThreshold?: number;
  /** Frames a confirmed track survives without a matching face, so a face is re-found after a short miss or occlusion (default 15). */
  readonly maxAge?: number;
  /**
   * Consecutive matches before a track is confirmed and gets its id (default 3). Tracks are
   * tentative until then and end at their first miss, so a one- or two-frame flicker never
   * becomes an id. Frames are held back `minHits - 1` frames so that a confirmed face carries its
   * id from its first frame on (ids are emitted retroactively); faces of tracks that ended before
   * confirmation are emitted without `id`. Tracks still tentative when the source completes get
   * their ids (their face was in view to the end; so a single image's faces get ids). 1: every
   * face gets an id at once, no delay.
   */
  readonly minHits?: number;
  /** Weight of the newest motion in the constant-velocity prediction, in [0, 1] (default 0.5; 0 = no motion model). */
  readonly velocitySmoothing?: number;
  /**
   * Faces scoring below this are low-score faces (ByteTrack): they only continue tracks that were
   * seen in the previous frame (a second association after the high-score faces, at IoU ≥ 0.5), never start
   * one, and are dropped when they continue none (default 0: every face is high-score). Run the
   * detector with a lower `scoreThreshold` than this to use it.
   */
  readonly highScore?: number;
  /**
   * Re-finding a lost face: after the IoU stages, a confirmed track may take a still unmatched
   * high-score face whose centre lies within this many face sizes of the track's prediction
   * (and whose size is within 1.5x) (default 0.5; 0 = off).
   */
  readonly refindDistance?: number;
}

/**
 * Validate {@link TrackFacesOptions} and fill defaults. @internal
 */
function resolveOptions(options: TrackFacesOptions): Required<TrackFacesOptions> {
  assertObject(options as unknown, 'options');
  const o = {
    iouThreshold: options.iouThreshold ?? 0.3,
    maxAge: options.maxAge ?? 15,
    minHits: options.minHits ?? 3,
    velocitySmoothing: options.velocitySmoothing ?? 0.5,
    highScore: options.highScore ?? 0,
    refindDistance: options.refindDistance ?? 0.5,
  };
  for (const k of ['iouThreshold', 'velocitySmoothing', 'maxAge', 'minHits', 'highScore', 'refindDistance'] as const) {
    if (Number.isNaN(o[k])) throw new RangeError(`Expected \`${k}\` to be a number, got \`NaN\` (number)`);
  }
  assertInRange(o.iouThreshold, 'iouThreshold', 0, 1);
  assertInRange(o.velocitySmoothing, 'velocitySmoothing', 0, 1);
  assertInRange(o.highScore, 'highScore', 0, 1);
  assertInRange(o.refindDistance, 'refindDistance', 0, 10);
  assertInteger(o.maxAge, 'maxAge', 0);
  assertInteger(o.minHits, 'minHits', 1);
  return o;
}

const median = (xs: number[]): number => {
  xs.sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
};

/**
 * Match `tracks` (indices into `all`) to `faces` (indices into `boxes`) minimising `cost`, gated
 * at `maxCost`; records matches in `faceTrack` and returns the tracks left unmatched. @internal
 */
function associate(
  all: readonly FaceTrack[],
  tracks: readonly number[],
  boxes: readonly (readonly number[])[],
  faces: number[],
  faceTrack: (FaceTrack | undefined)[],
  cost: (t: FaceTrack, box: readonly number[]) => number,
  maxCost: number,
): number[] {
  const nt = tracks.length, nf = faces.length;
  if (nt === 0 || nf === 0) return [...tracks];
  const m = new Float64Array(nt * nf);
  for (let a = 0; a < nt; a++) for (let b = 0; b < nf; b++) m[a * nf + b] = cost(all[tracks[a]!]!, boxes[faces[b]!]!);
  const sol = assignWithGate(m, nt, nf, maxCost);
  const left: number[] = [];
  const taken = new Uint8Array(nf);
  for (let a = 0; a < nt; a++) {
    const b = sol[a]!;
    if (b >= 0) {
      faceTrack[faces[b]!] = all[tracks[a]!]!;
      taken[b] = 1;
    } else left.push(tracks[a]!);
  }
  let w = 0;
  for (let b = 0; b < nf; b++) if (!taken[b]) faces[w++] = faces[b]!;
  faces.length = w;
  return left;
}

/**
 * RxJS operator: give every face a stable `id` across frames, in the manner of SORT/ByteTrack.
 * Per frame, each track's box is predicted by a constant-velocity model on its centre and size,
 * then matched to the faces in up to three stages, each an optimal assignment (Hungarian method):
 * 1. high-score faces (≥ `highScore`) to all live tracks on `1 - IoU`, gated at `iouThreshold`;
 * 2. low-score faces to the tracks seen in the previous frame that are still unmatched, gated at
 *    IoU 0.5 (or `iouThreshold` if higher); before it,
 *    the unmatched tracks are moved by the scene's motion instead of their own: the pan/zoom
 *    similarity (median scale and shift) of the faces matched in stage 1, when there are two or
 *    more; a lost face coasts on that motion, so it is re-found where the camera took it;
 * 3. re-finding: remaining high-score faces to remaining confirmed tracks by centre distance
 *    (`refindDistance` face sizes).
 * Unmatched high-score faces start tentative tracks; a track is confirmed after `minHits`
 * consecutive matches (its id then also goes to the frames it was tentative in: frames are held
 * back `minHits - 1` frames), a tentative track ends at its first miss, a confirmed one after
 * `maxAge` misses or once its prediction has left the frame. Ids count up from 1 and are never
 * reused within a subscription; state is per subscription.
 *
 * Frames must carry `results.faces` (pipe after {@link detectFaces}); faces are replaced by new
 * objects with `id` set (or without `id` for never-confirmed tracks), in the detector's order, minus
 * the low-score faces that continued no track.
 *
 * With `readFrames(..., { release: 'manual' })`, allow `maxInFlight` above `minHits - 1` plus the
 * frames in flight in the other stages, since the held-back frames are not released yet.
 *
 * ## Example
 * ```ts
 * readFrames('clip.mp4').pipe(
 *   detectFaces({ detector: await FaceDetector.create({ scoreThreshold: 0.4 }) }),
 *   trackFaces({ highScore: 0.6 }),
 * ).subscribe((f) => console.log(f.index, f.results.faces.map((face) => face.id)));
 * ```
 * @throws {TypeError | RangeError} synchronously for invalid options; a frame without `results.faces` errors the stream with a TypeError.
 */
export function trackFaces(options: TrackFacesOptions = {}): OperatorFunction<Frame, FrameWithFaces> {
  const o = resolveOptions(options);
  const maxCost = 1 - o.iouThreshold;
  // Low-score faces are less sure: they need IoU >= 0.5 (ByteTrack's second association).
  const lowMaxCost = Math.min(maxCost, 0.5);
  const alpha = o.velocitySmoothing;
  const lag = o.minHits - 1;
  const iouCost = (t: FaceTrack, b: readonly number[]): number => 1 - t.iou(b);
  const distCost = (t: FaceTrack, b: readonly number[]): number => t.distance(b);
  return (source) =>
    new Observable<FrameWithFaces>((sub) => {
      let tracks: FaceTrack[] = [];
      let nextId = 1;
      // Frames held back until their tentative faces are confirmed or dropped.
      const held: { frame: Frame; faces: readonly Face[]; owners: readonly FaceTrack[] }[] = [];
      const emit = (): void => {
        const h = held.shift()!;
        const out: Face[] = h.faces.map((face, f) => {
          const id = h.owners[f]!.id;
          if (id === 0) {
            const { id: _drop, ...rest } = face;
            void _drop;
            return rest;
          }
          return { ...face, id };
        });
        sub.next(withResults(h.frame, { faces: out }) as FrameWithFaces);
      };
      const subscription = source.subscribe({
        next: (frame) => {
          const faces = frame.results.faces;
          if (!Array.isArray(faces)) {
            sub.error(new TypeError(`trackFaces needs frames with \`results.faces\` (pipe detectFaces first); frame ${frame.index} of ${frame.sourceId} has none`));
            return;
          }
          const nf = faces.length;
          const boxes = faces.map((f: Face) => f.box);
          for (const t of tracks) t.predict();
          const high: number[] = [], low: number[] = [];
          for (let f = 0; f < nf; f++) (faces[f]!.score >= o.highScore ? high : low).push(f);
          const faceTrack: (FaceTrack | undefined)[] = new Array(nf);
          // 1. High-score faces to every live track.
          let left = associate(tracks, tracks.map((_, i) => i), boxes, high, faceTrack, iouCost, maxCost);
          // Camera motion: a similarity (zoom s, shift tx, ty) from the stage-1 matches moves the unmatched tracks.
          const ss: number[] = [], xs: number[] = [], ys: number[] = [], pairs: [FaceTrack, readonly number[]][] = [];
          for (let f = 0; f < nf; f++) {
            const t = faceTrack[f], b = boxes[f]!;
            // Faces seen last frame and this one, with a size on both sides (a box clamped to nothing has none).
            if (t && t.misses === 0 && t.w > 0 && t.h > 0 && b[2] > b[0] && b[3] > b[1]) pairs.push([t, b]);
          }
          if (pairs.length >= 2) {
            for (const [t, b] of pairs) ss.push(Math.sqrt(((b[2] - b[0]) * (b[3] - b[1])) / (t.w * t.h)));
            const s = median(ss);
            for (const [t, b] of pairs) {
              xs.push((b[0] + b[2]) / 2 - s * t.cx);
              ys.push((b[1] + b[3]) / 2 - s * t.cy);
            }
            const tx = median(xs), ty = median(ys);
            for (const i of left) tracks[i]!.follow(s, tx, ty);
          }
          // 2. Low-score faces to the unmatched tracks seen last frame.
          const recent = left.filter((i) => tracks[i]!.misses === 0);
          const stale = left.filter((i) => tracks[i]!.misses > 0);
          left = [...associate(tracks, recent, boxes, low, faceTrack, iouCost, lowMaxCost), ...stale];
          // 3. Re-find lost confirmed tracks among the remaining high-score faces.
          if (o.refindDistance > 0) {
            const confirmed = left.filter((i) => tracks[i]!.id !== 0);
            const rest = left.filter((i) => tracks[i]!.id === 0);
            left = [...associate(tracks, confirmed, boxes, high, faceTrack, distCost, o.refindDistance), ...rest];
          }
          const unmatched = new Set(left);
          const survivors: FaceTrack[] = [];
          tracks.forEach((t, i) => {
            if (unmatched.has(i)) {
              t.coast();
              if (t.id !== 0 && t.misses <= o.maxAge && !t.outside(frame.width, frame.height)) survivors.push(t);
            }
          });
          for (let f = 0; f < nf; f++) {
            const t = faceTrack[f];
            if (!t) continue;
            t.update(boxes[f]!, alpha);
            if (t.id === 0 && t.hits >= o.minHits) t.id = nextId++;
            survivors.push(t);
          }
          for (const f of high) {
            if (faceTrack[f]) continue;
            const t = new FaceTrack(boxes[f]!);
            if (o.minHits <= 1) t.id = nextId++;
            faceTrack[f] = t;
            survivors.push(t);
          }
          tracks = survivors;
          const kept: Face[] = [], owners: FaceTrack[] = [];
          for (let f = 0; f < nf; f++) {
            if (!faceTrack[f]) continue; // a low-score face that continued no track
            kept.push(faces[f]!);
            owners.push(faceTrack[f]!);
          }
          held.push({ frame, faces: kept, owners });
          while (held.length > lag) emit();
        },
        error: (err) => sub.error(err),
        complete: () => {
          // Faces still tentative at the end were in view up to the last frame: they get their ids (a single image's faces too).
          for (const t of tracks) if (t.id === 0) t.id = nextId++;
          while (held.length > 0) emit();
          sub.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        held.length = 0;
      };
    });
}
