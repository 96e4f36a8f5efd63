import { Observable, type OperatorFunction } from 'rxjs';
import { assertInRange, assertInteger, assertObject, boxIou, withResults, type Frame } from '@facepipe/core';
import type { Face, FrameWithFaces } from './face.js';
import { assignWithGate } from './solve-assignment.js';

/** Options of {@link trackFaces}. */
export interface TrackFacesOptions {
  /** Minimum IoU between a track's predicted box and a face for them to be matched (default 0.3). */
  readonly iouThreshold?: number;
  /** Frames a track survives without a matching face (default 10). */
  readonly maxAge?: number;
  /** Consecutive matches before a track gets its id; faces of younger tracks are emitted without `id` (default 1: every face gets an id at once). */
  readonly minHits?: number;
  /** Weight of the newest motion in the constant-velocity prediction, in [0, 1] (default 0.5; 0 = no motion model). */
  readonly velocitySmoothing?: number;
}

interface Track {
  id: number; // 0 until confirmed
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  vx: number;
  vy: number;
  hits: number;
  misses: number;
}

/**
 * Validate {@link TrackFacesOptions} and fill defaults. @internal
 */
function resolveOptions(options: TrackFacesOptions): Required<TrackFacesOptions> {
  assertObject(options as unknown, 'options');
  const o = {
    iouThreshold: options.iouThreshold ?? 0.3,
    maxAge: options.maxAge ?? 10,
    minHits: options.minHits ?? 1,
    velocitySmoothing: options.velocitySmoothing ?? 0.5,
  };
  for (const k of ['iouThreshold', 'velocitySmoothing', 'maxAge', 'minHits'] as const) {
    if (Number.isNaN(o[k])) throw new RangeError(`Expected \`${k}\` to be a number, got \`NaN\` (number)`);
  }
  assertInRange(o.iouThreshold, 'iouThreshold', 0, 1);
  assertInRange(o.velocitySmoothing, 'velocitySmoothing', 0, 1);
  assertInteger(o.maxAge, 'maxAge', 0);
  assertInteger(o.minHits, 'minHits', 1);
  return o;
}

/**
 * RxJS operator: give every face a stable `id` across frames. Each frame's faces are matched to
 * the live tracks by an optimal assignment (Hungarian method) on `1 - IoU` between each track's
 * constant-velocity prediction and the face, gated at `iouThreshold`. Unmatched faces start new
 * tracks; tracks unmatched for more than `maxAge` frames end. Ids are assigned when a track is
 * confirmed (`minHits` matches), count up from 1, and are never reused within a subscription.
 * State is per subscription.
 *
 * Frames must carry `results.faces` (pipe after {@link detectFaces}); faces are replaced by new
 * objects with `id` set, in the detector's order.
 *
 * ## Example
 * ```ts
 * readFrames('clip.mp4').pipe(
 *   detectFaces({ workers: 1 }),
 *   trackFaces({ maxAge: 15, minHits: 3 }),
 * ).subscribe((f) => console.log(f.index, f.results.faces.map((face) => face.id)));
 * ```
 * @throws {TypeError | RangeError} synchronously for invalid options; a frame without `results.faces` errors the stream with a TypeError.
 */
export function trackFaces(options: TrackFacesOptions = {}): OperatorFunction<Frame, FrameWithFaces> {
  const o = resolveOptions(options);
  const maxCost = 1 - o.iouThreshold;
  const alpha = o.velocitySmoothing;
  return (source) =>
    new Observable<FrameWithFaces>((sub) => {
      let tracks: Track[] = [];
      const predicted = new Float64Array(4); // a track's predicted box, reused for every IoU
      let nextId = 1;
      return source.subscribe({
        next: (frame) => {
          const faces = frame.results.faces;
          if (!Array.isArray(faces)) {
            sub.error(new TypeError(`trackFaces needs frames with \`results.faces\` (pipe detectFaces first); frame ${frame.index} of ${frame.sourceId} has none`));
            return;
          }
          const nt = tracks.length, nf = faces.length;
          // Predicted boxes and the IoU cost matrix.
          const cost = new Float64Array(nt * nf);
          for (let t = 0; t < nt; t++) {
            const tr = tracks[t]!;
            const k = tr.misses + 1;
            predicted[0] = tr.x1 + tr.vx * k;
            predicted[1] = tr.y1 + tr.vy * k;
            predicted[2] = tr.x2 + tr.vx * k;
            predicted[3] = tr.y2 + tr.vy * k;
            for (let f = 0; f < nf; f++) {
              const iou = boxIou(predicted, 0, faces[f]!.box, 0);
              cost[t * nf + f] = 1 - iou;
            }
          }
          const match = assignWithGate(cost, nt, nf, maxCost);
          const faceTrack: (Track | undefined)[] = new Array(nf);
          const survivors: Track[] = [];
          for (let t = 0; t < nt; t++) {
            const tr = tracks[t]!;
            const f = match[t]!;
            if (f >= 0) {
              const b = faces[f]!.box;
              const k = tr.misses + 1;
              const dx = ((b[0] + b[2]) / 2 - (tr.x1 + tr.x2) / 2) / k;
              const dy = ((b[1] + b[3]) / 2 - (tr.y1 + tr.y2) / 2) / k;
              tr.vx = tr.hits > 0 ? alpha * dx + (1 - alpha) * tr.vx : 0;
              tr.vy = tr.hits > 0 ? alpha * dy + (1 - alpha) * tr.vy : 0;
              tr.x1 = b[0]; tr.y1 = b[1]; tr.x2 = b[2]; tr.y2 = b[3];
              tr.hits++;
              tr.misses = 0;
              if (tr.id === 0 && tr.hits >= o.minHits) tr.id = nextId++;
              faceTrack[f] = tr;
              survivors.push(tr);
            } else {
              tr.misses++;
              // An unconfirmed track dies on its first miss; a confirmed one after maxAge misses.
              if (tr.id !== 0 && tr.misses <= o.maxAge) survivors.push(tr);
            }
          }
          for (let f = 0; f < nf; f++) {
            if (faceTrack[f]) continue;
            const b = faces[f]!.box;
            const tr: Track = { id: 0, x1: b[0], y1: b[1], x2: b[2], y2: b[3], vx: 0, vy: 0, hits: 1, misses: 0 };
            if (o.minHits <= 1) tr.id = nextId++;
            faceTrack[f] = tr;
            survivors.push(tr);
          }
          tracks = survivors;
          const out: Face[] = faces.map((face, f) => {
            const id = faceTrack[f]!.id;
            if (id === 0) {
              const { id: _drop, ...rest } = face;
              void _drop;
              return rest;
            }
            return { ...face, id };
          });
          sub.next(withResults(frame, { faces: out }) as FrameWithFaces);
        },
        error: (err) => sub.error(err),
        complete: () => sub.complete(),
      });
    });
}
