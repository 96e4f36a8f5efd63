// Test support (not part of the package build): how far a video-mode run of the face stages is from
// the exact mode's run on the same clip (the exact run is taken as the reference).
import { boxIou, type Face } from '@facepipe/core';
import { evaluateTracks } from '@facepipe/detector';

/** One run: the faces of every frame, in frame order. */
export type FaceRun = readonly (readonly Face[])[];

export interface RunComparison {
  readonly frames: number;
  /** Frames with at least one face in the reference / in the candidate among those. */
  readonly referenceFaceFrames: number;
  readonly candidateFaceFramesOfReference: number;
  /** candidateFaceFramesOfReference / referenceFaceFrames. */
  readonly faceFrameRatio: number;
  /** Faces of the reference / matched by a candidate face (IoU >= 0.5, one-to-one per frame). */
  readonly referenceFaces: number;
  readonly matchedFaces: number;
  /** Reference faces with an id (confirmed tracks, not one-frame flickers) / matched among those. */
  readonly referenceIdentifiedFaces: number;
  readonly matchedIdentifiedFaces: number;
  /** Candidate faces matching no reference face. */
  readonly extraFaces: number;
  /** Mean over matched pairs with landmarks of the mean point distance over the reference's outer-eye-corner distance. */
  readonly meanLandmarkDeviation: number;
  /** Same, 95th percentile over pairs. */
  readonly p95LandmarkDeviation: number;
  /** Id switches of the candidate with the reference's ids as ground truth (CLEAR-MOT, IoU 0.5). */
  readonly idSwitches: number;
  /** Distinct ids of each run. */
  readonly referenceIds: number;
  readonly candidateIds: number;
  /** Reference tracks living at least `window` frames / found by the candidate within `window` frames of their first frame. */
  readonly newTracks: number;
  readonly newTracksFoundInWindow: number;
}

/** WFLW-98 outer eye corners (60: image-left eye, 72: image-right eye). */
const EYE_L = 60, EYE_R = 72;

/** Greedy one-to-one matching of candidate to reference faces by IoU (>= `minIou`), best pairs first. */
function matchFaces(ref: readonly Face[], cand: readonly Face[], minIou: number): [number, number][] {
  const pairs: [number, number, number][] = [];
  ref.forEach((r, i) => cand.forEach((c, j) => {
    const v = boxIou(r.box, 0, c.box, 0);
    if (v >= minIou) pairs.push([v, i, j]);
  }));
  pairs.sort((a, b) => b[0] - a[0]);
  const ur = new Set<number>(), uc = new Set<number>(), out: [number, number][] = [];
  for (const [, i, j] of pairs) if (!ur.has(i) && !uc.has(j)) (ur.add(i), uc.add(j), out.push([i, j]));
  return out;
}

/**
 * Compare `candidate` with `reference` frame by frame. `window` is the detection interval: a
 * reference track that lives at least that long must be matched by the candidate within its first
 * `window` frames.
 */
export function compareFaceRuns(reference: FaceRun, candidate: FaceRun, window: number): RunComparison {
  if (reference.length !== candidate.length) throw new RangeError(`runs differ in length: ${reference.length} vs ${candidate.length} frames`);
  let refFrames = 0, candFrames = 0, refFaces = 0, matched = 0, extra = 0, refIdFaces = 0, matchedId = 0;
  const dev: number[] = [];
  const firstSeen = new Map<number, number>(), length = new Map<number, number>(), foundAt = new Map<number, number>();
  for (let f = 0; f < reference.length; f++) {
    const ref = reference[f]!, cand = candidate[f]!;
    if (ref.length > 0) {
      refFrames++;
      if (cand.length > 0) candFrames++;
    }
    refFaces += ref.length;
    for (const r of ref) if (r.id !== undefined) refIdFaces++;
    const m = matchFaces(ref, cand, 0.5);
    matched += m.length;
    for (const [i] of m) if (ref[i]!.id !== undefined) matchedId++;
    extra += cand.length - m.length;
    for (const [i, j] of m) {
      const a = ref[i]!.landmarks, b = cand[j]!.landmarks;
      const id = ref[i]!.id;
      if (id !== undefined && !foundAt.has(id)) foundAt.set(id, f);
      if (!a || !b || a.length !== b.length) continue;
      const iod = Math.hypot(a[2 * EYE_R]! - a[2 * EYE_L]!, a[2 * EYE_R + 1]! - a[2 * EYE_L + 1]!);
      if (!(iod > 0)) continue;
      let sum = 0;
      for (let p = 0; p < a.length; p += 2) sum += Math.hypot(a[p]! - b[p]!, a[p + 1]! - b[p + 1]!);
      dev.push(sum / (a.length / 2) / iod);
    }
    for (const r of ref) {
      if (r.id === undefined) continue;
      if (!firstSeen.has(r.id)) firstSeen.set(r.id, f);
      length.set(r.id, f - firstSeen.get(r.id)! + 1);
    }
  }
  let newTracks = 0, inWindow = 0;
  for (const [id, f0] of firstSeen) {
    if (length.get(id)! < window) continue;
    newTracks++;
    const at = foundAt.get(id);
    if (at !== undefined && at - f0 < window) inWindow++;
  }
  const toGt = (faces: readonly Face[]) => faces.map((x) => (x.id === undefined ? { box: x.box, id: -1, ignore: true } : { box: x.box, id: x.id }));
  const predictions = candidate.map((faces) => faces.map((x) => ({ box: x.box, ...(x.id !== undefined ? { id: x.id } : {}) })));
  const mot = evaluateTracks(predictions, reference.map(toGt), { iou: 0.5 });
  dev.sort((a, b) => a - b);
  const ids = (run: FaceRun) => new Set(run.flatMap((faces) => faces.flatMap((x) => (x.id === undefined ? [] : [x.id])))).size;
  return {
    frames: reference.length,
    referenceFaceFrames: refFrames,
    candidateFaceFramesOfReference: candFrames,
    faceFrameRatio: refFrames ? candFrames / refFrames : 1,
    referenceFaces: refFaces,
    matchedFaces: matched,
    referenceIdentifiedFaces: refIdFaces,
    matchedIdentifiedFaces: matchedId,
    extraFaces: extra,
    meanLandmarkDeviation: dev.length ? dev.reduce((a, b) => a + b, 0) / dev.length : 0,
    p95LandmarkDeviation: dev.length ? dev[Math.min(dev.length - 1, Math.floor(0.95 * dev.length))]! : 0,
    idSwitches: mot.idSwitches,
    referenceIds: ids(reference),
    candidateIds: ids(candidate),
    newTracks,
    newTracksFoundInWindow: inWindow,
  };
}
