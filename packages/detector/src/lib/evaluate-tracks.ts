import { assertInRange, assertInteger, assertObject, boxIou, expectedMessage } from '@facepipe/core';
import { assignWithGate, solveSquareAssignment } from './solve-assignment.js';

/** A tracker output box of one frame (a `Face` fits). Boxes without `id` are not tracker output and are skipped. */
export interface TrackedBox {
  readonly box: readonly [number, number, number, number];
  readonly id?: number;
}

/** A ground-truth box of one frame (a row of a MOTChallenge `gt.txt`, see `parseMotGroundTruth`). */
export interface GroundTruthTrackBox {
  readonly box: readonly [number, number, number, number];
  /** Ground-truth track id. */
  readonly id: number;
  /** An ignore region: predictions on it count as neither TP nor FP, and missing it is no FN. */
  readonly ignore?: boolean;
}

/** Options of {@link evaluateTracks}. */
export interface EvaluateTracksOptions {
  /** IoU needed for a prediction to match a ground-truth box (default 0.5, as MOTChallenge). */
  readonly iou?: number;
  /** Predicted ids seen in fewer frames than this count as `shortTracks`, unless their ground-truth face was in view for fewer frames too (default 3). */
  readonly minTrackLength?: number;
}

/** CLEAR-MOT, identity (IDF1) and track-count metrics of a tracker over one sequence. */
export interface TrackEvaluation {
  /** 1 - (FN + FP + IDSW) / ground-truth boxes (can be negative). */
  readonly mota: number;
  /** Mean IoU of the matched pairs (MOTP as similarity; 0 when nothing matched). */
  readonly motp: number;
  /** Identity F1: 2 IDTP / (2 IDTP + IDFP + IDFN), with the one-to-one id mapping that maximises IDTP. */
  readonly idf1: number;
  /** Identity precision IDTP / (IDTP + IDFP). */
  readonly idp: number;
  /** Identity recall IDTP / (IDTP + IDFN). */
  readonly idr: number;
  /** Per-frame detection recall TP / ground-truth boxes. */
  readonly recall: number;
  /** Per-frame detection precision TP / (TP + FP) (1 when there are no predictions). */
  readonly precision: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  /** Ground-truth boxes matched to a different predicted id than at their previous match. */
  readonly idSwitches: number;
  /** Times a ground-truth track goes from tracked to untracked and is tracked again later. */
  readonly fragmentations: number;
  /** Ground-truth tracks (ids with at least one counted box). */
  readonly groundTruthTracks: number;
  /** Counted ground-truth boxes. */
  readonly groundTruth: number;
  /** Distinct predicted ids (after dropping predictions on ignore regions). */
  readonly predictedTracks: number;
  /** Ground-truth tracks covered in at least 80 % of their frames. */
  readonly mostlyTracked: number;
  /** Ground-truth tracks covered in 20-80 % of their frames. */
  readonly partiallyTracked: number;
  /** Ground-truth tracks covered in at most 20 % of their frames. */
  readonly mostlyLost: number;
  /** Predicted ids living fewer than `minTrackLength` frames whose ground-truth face (if any) was in view longer. */
  readonly shortTracks: number;
  /** Predictions dropped because they matched an ignore region. */
  readonly ignoredPredictions: number;
  /** Predictions without an `id` (skipped). */
  readonly unidentifiedPredictions: number;
  readonly frames: number;
}

const iou = (a: readonly number[], b: readonly number[]): number => boxIou(a, 0, b, 0);

function checkBox(b: unknown, name: string): void {
  if (!Array.isArray(b) || b.length !== 4 || !b.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new TypeError(expectedMessage(name, '[x1, y1, x2, y2] (4 finite numbers)', b));
  }
}

/** Dense index of each id, in first-seen order. @internal */
class IdIndex {
  readonly map = new Map<number, number>();
  of(id: number): number {
    let k = this.map.get(id);
    if (k === undefined) this.map.set(id, (k = this.map.size));
    return k;
  }
}

/** Predictions of a frame with ids and without the ones on ignore regions. @internal */
function keptPredictions(preds: readonly TrackedBox[], gts: readonly GroundTruthTrackBox[], thr: number, counts: { ignored: number; unidentified: number }): TrackedBox[] {
  const withId = preds.filter((p) => (p.id === undefined ? (counts.unidentified++, false) : true));
  const ign = gts.filter((g) => g.ignore);
  if (ign.length === 0 || withId.length === 0) return withId;
  // Match against every ground-truth box at once, so a prediction on a real face is not lost to an overlapping ignore region.
  const nP = withId.length, nG = gts.length;
  const cost = new Float64Array(nP * nG);
  for (let p = 0; p < nP; p++) for (let g = 0; g < nG; g++) cost[p * nG + g] = 1 - iou(withId[p]!.box, gts[g]!.box);
  const m = assignWithGate(cost, nP, nG, 1 - thr);
  return withId.filter((_, p) => {
    const g = m[p]!;
    if (g >= 0 && gts[g]!.ignore) {
      counts.ignored++;
      return false;
    }
    return true;
  });
}

/**
 * Multi-object tracking metrics of one sequence, as the field reports them (CLEAR MOT: MOTA, MOTP,
 * ID switches, fragmentations, mostly-tracked/lost; identity metrics IDF1/IDP/IDR), with the
 * matching rules of py-motmetrics / the MOTChallenge devkit:
 * - per frame, a ground-truth box keeps the predicted id it was last matched to when their IoU is
 *   still ≥ `iou`; the other pairs are matched by a minimum-cost assignment on `1 - IoU`;
 * - an ID switch is a match to a different id than the ground truth's previous match;
 * - IDF1 maps ground-truth ids to predicted ids one-to-one (globally, maximising the frames where
 *   the pair overlaps with IoU ≥ `iou`).
 * Predictions that match an ignore region are dropped first; predictions without `id` are skipped.
 *
 * ## Example
 * ```ts
 * const gt = parseMotGroundTruth(fs.readFileSync('seq/gt/gt.txt', 'utf8'), 'seq/gt/gt.txt');
 * const tracked = await lastValueFrom(readFrames('seq.mp4').pipe(detectFaces(), trackFaces(), toArray()));
 * const r = evaluateTracks(tracked.map((f) => f.results.faces), groundTruthFrames(gt, tracked.length));
 * r.idf1; // 0.97
 * ```
 * @param predictions per frame, the tracker's boxes (frame i of `predictions` is frame i of `groundTruth`).
 * @param groundTruth per frame, the ground-truth boxes.
 * @throws {RangeError} when the two lists differ in length or an option is out of range.
 * @throws {TypeError} for a malformed box or id.
 */
export function evaluateTracks(
  predictions: readonly (readonly TrackedBox[])[],
  groundTruth: readonly (readonly GroundTruthTrackBox[])[],
  options: EvaluateTracksOptions = {},
): TrackEvaluation {
  assertObject(options as unknown, 'options');
  const thr = options.iou ?? 0.5;
  assertInRange(thr, 'iou', 0, 1);
  const minLen = options.minTrackLength ?? 3;
  assertInteger(minLen, 'minTrackLength', 1);
  if (!Array.isArray(predictions as unknown)) throw new TypeError(expectedMessage('predictions', 'an array (one list per frame)', predictions));
  if (!Array.isArray(groundTruth as unknown)) throw new TypeError(expectedMessage('groundTruth', 'an array (one list per frame)', groundTruth));
  if (predictions.length !== groundTruth.length) {
    throw new RangeError(expectedMessage('predictions', `one list per ground-truth frame (${groundTruth.length})`, `${predictions.length} lists`));
  }
  const gIdx = new IdIndex(), pIdx = new IdIndex();
  const counts = { ignored: 0, unidentified: 0 };
  // Pass 1: validated, filtered frames with dense ids.
  const frames = groundTruth.map((gtsIn, t) => {
    gtsIn.forEach((g, k) => {
      checkBox(g?.box, `groundTruth[${t}][${k}].box`);
      if (!Number.isInteger(g.id)) throw new TypeError(expectedMessage(`groundTruth[${t}][${k}].id`, 'an integer', g.id));
    });
    predictions[t]!.forEach((p, k) => {
      checkBox(p?.box, `predictions[${t}][${k}].box`);
      if (p.id !== undefined && !Number.isInteger(p.id)) throw new TypeError(expectedMessage(`predictions[${t}][${k}].id`, 'an integer or undefined', p.id));
    });
    const preds = keptPredictions(predictions[t]!, gtsIn, thr, counts);
    const gts = gtsIn.filter((g) => !g.ignore);
    return { gts, gk: gts.map((g) => gIdx.of(g.id)), preds, pk: preds.map((p) => pIdx.of(p.id!)) };
  });
  const nG = gIdx.map.size, nP = pIdx.map.size;
  const gFrames = new Float64Array(nG), gTracked = new Float64Array(nG), pFrames = new Float64Array(nP);
  const pairs = new Float64Array(nG * nP); // frames where (g, p) overlap with IoU >= thr
  const last = new Int32Array(nG).fill(-1); // predicted id of the last match
  const wasTracked = new Uint8Array(nG), gapOpen = new Uint8Array(nG);
  let tp = 0, fp = 0, fn = 0, sw = 0, frag = 0, iouSum = 0, nGt = 0;
  for (const { gts, gk, preds, pk } of frames) {
    const ng = gts.length, np = preds.length;
    nGt += ng;
    const ious = new Float64Array(ng * np);
    for (let i = 0; i < ng; i++) {
      gFrames[gk[i]!]!++;
      for (let j = 0; j < np; j++) {
        const v = iou(gts[i]!.box, preds[j]!.box);
        ious[i * np + j] = v;
        if (v >= thr) pairs[gk[i]! * nP + pk[j]!]!++;
      }
    }
    for (let j = 0; j < np; j++) pFrames[pk[j]!]!++;
    const gMatch = new Int32Array(ng).fill(-1), pUsed = new Uint8Array(np);
    // Continuations of last frame's correspondences first (CLEAR MOT).
    for (let i = 0; i < ng; i++) {
      const prev = last[gk[i]!]!;
      if (prev < 0) continue;
      for (let j = 0; j < np; j++) {
        if (!pUsed[j] && pk[j] === prev && ious[i * np + j]! >= thr) {
          gMatch[i] = j;
          pUsed[j] = 1;
          break;
        }
      }
    }
    const freeG: number[] = [], freeP: number[] = [];
    for (let i = 0; i < ng; i++) if (gMatch[i]! < 0) freeG.push(i);
    for (let j = 0; j < np; j++) if (!pUsed[j]) freeP.push(j);
    if (freeG.length > 0 && freeP.length > 0) {
      const cost = new Float64Array(freeG.length * freeP.length);
      freeG.forEach((i, a) => freeP.forEach((j, b) => (cost[a * freeP.length + b] = 1 - ious[i * np + j]!)));
      const m = assignWithGate(cost, freeG.length, freeP.length, 1 - thr);
      freeG.forEach((i, a) => {
        if (m[a]! >= 0) gMatch[i] = freeP[m[a]!]!;
      });
    }
    let matched = 0;
    for (let i = 0; i < ng; i++) {
      const g = gk[i]!, j = gMatch[i]!;
      if (j < 0) {
        fn++;
        if (wasTracked[g]) gapOpen[g] = 1;
        continue;
      }
      matched++;
      iouSum += ious[i * np + j]!;
      gTracked[g]!++;
      if (last[g]! >= 0 && last[g] !== pk[j]) sw++;
      if (gapOpen[g]) frag++;
      gapOpen[g] = 0;
      wasTracked[g] = 1;
      last[g] = pk[j]!;
    }
    tp += matched;
    fp += np - matched;
  }
  // IDF1: one-to-one id mapping maximising the overlapping frames.
  let idtp = 0;
  const gOfP = new Int32Array(nP).fill(-1);
  if (nG > 0 && nP > 0) {
    const n = Math.max(nG, nP);
    let maxPair = 0;
    for (const v of pairs) maxPair = Math.max(maxPair, v);
    const cost = new Float64Array(n * n).fill(maxPair);
    for (let g = 0; g < nG; g++) for (let p = 0; p < nP; p++) cost[g * n + p] = maxPair - pairs[g * nP + p]!;
    const sol = solveSquareAssignment(cost, n);
    for (let g = 0; g < nG; g++) {
      const p = sol[g]!;
      if (p < nP && pairs[g * nP + p]! > 0) {
        idtp += pairs[g * nP + p]!;
        gOfP[p] = g;
      }
    }
  }
  let nPred = 0;
  for (const v of pFrames) nPred += v;
  const idfp = nPred - idtp, idfn = nGt - idtp;
  let mt = 0, pt = 0, ml = 0;
  for (let g = 0; g < nG; g++) {
    const r = gTracked[g]! / gFrames[g]!;
    if (r >= 0.8) mt++;
    else if (r > 0.2) pt++;
    else ml++;
  }
  let short = 0;
  for (let p = 0; p < nP; p++) {
    if (pFrames[p]! >= minLen) continue;
    // The ground-truth face this id followed: its IDF1 partner, else the one it overlapped most.
    let g = gOfP[p]!;
    if (g < 0) {
      let best = 0;
      for (let k = 0; k < nG; k++) if (pairs[k * nP + p]! > best) (best = pairs[k * nP + p]!), (g = k);
    }
    if (g < 0 || gFrames[g]! >= minLen) short++;
  }
  return {
    mota: nGt > 0 ? 1 - (fn + fp + sw) / nGt : 0,
    motp: tp > 0 ? iouSum / tp : 0,
    idf1: nGt + nPred > 0 ? (2 * idtp) / (2 * idtp + idfp + idfn) : 1,
    idp: nPred > 0 ? idtp / nPred : 1,
    idr: nGt > 0 ? idtp / nGt : 0,
    recall: nGt > 0 ? tp / nGt : 0,
    precision: tp + fp > 0 ? tp / (tp + fp) : 1,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    idSwitches: sw,
    fragmentations: frag,
    groundTruthTracks: nG,
    groundTruth: nGt,
    predictedTracks: nP,
    mostlyTracked: mt,
    partiallyTracked: pt,
    mostlyLost: ml,
    shortTracks: short,
    ignoredPredictions: counts.ignored,
    unidentifiedPredictions: counts.unidentified,
    frames: frames.length,
  };
}
