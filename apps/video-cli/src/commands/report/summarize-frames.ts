import type { FrameRecord } from '../../output/frame-record.js';
import type { InputSeries, TrackSeries } from './report-data.js';

interface MutableTrack {
  id: number;
  at: number[];
  score: number[];
  yaw: (number | null)[];
  pitch: (number | null)[];
  roll: (number | null)[];
  bestFrame: number;
  bestScore: number;
}

/** Counts and series {@link summarizeFrames} derives from one input's records. */
export interface FrameSummary {
  readonly series: InputSeries;
  readonly framesWithFace: number;
  readonly tracks: number;
}

/**
 * Turn one input's JSONL records into the columnar series report.html plots: seconds and frame
 * index per record, faces per frame, mask coverage, and per track id (faces without an id are
 * counted but have no track) the frames it was seen with score and pose. Pose arrays exist only
 * when some face had a pose, the coverage array only when some record had a mask, the faces array
 * only when a face stage ran; so a `--stages detect` run yields no pose or mask series.
 *
 * ## Example
 * ```ts
 * const { series, framesWithFace, tracks } = summarizeFrames(readFrameRecords('out/clip.jsonl'));
 * series.tracks[0]; // { id: 1, at: [0, 1, 2], score: [0.99, 0.98, 0.99], bestFrame: 2, bestScore: 0.99, ... }
 * ```
 * @param records Records in file order.
 */
export function summarizeFrames(records: readonly FrameRecord[]): FrameSummary {
  const n = records.length;
  const t = new Array<number>(n);
  const frame = new Array<number>(n);
  const anyFaces = records.some((r) => r.faces !== undefined);
  const anyMask = records.some((r) => r.mask !== undefined);
  const faces = anyFaces ? new Array<number>(n).fill(0) : undefined;
  const coverage = anyMask ? new Array<number | null>(n).fill(null) : undefined;
  const tracks = new Map<number, MutableTrack>();
  let withFace = 0;
  let anyPose = false;
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    t[i] = Math.round(r.timeMs) / 1000;
    frame[i] = r.frame;
    if (coverage && r.mask) coverage[i] = r.mask.coverage;
    const fs = r.faces;
    if (!fs || !faces) continue;
    faces[i] = fs.length;
    if (fs.length > 0) withFace++;
    for (const f of fs) {
      if (f.id === undefined) continue;
      let tr = tracks.get(f.id);
      if (!tr) {
        tr = { id: f.id, at: [], score: [], yaw: [], pitch: [], roll: [], bestFrame: r.frame, bestScore: -Infinity };
        tracks.set(f.id, tr);
      }
      // one entry per frame even if an id were repeated within a frame
      if (tr.at[tr.at.length - 1] === i) continue;
      tr.at.push(i);
      tr.score.push(f.score);
      if (f.pose) anyPose = true;
      tr.yaw.push(f.pose?.yaw ?? null);
      tr.pitch.push(f.pose?.pitch ?? null);
      tr.roll.push(f.pose?.roll ?? null);
      if (f.score > tr.bestScore) {
        tr.bestScore = f.score;
        tr.bestFrame = r.frame;
      }
    }
  }
  const list: TrackSeries[] = [...tracks.values()]
    .sort((a, b) => a.id - b.id)
    .map((tr) => ({
      id: tr.id,
      at: tr.at,
      score: tr.score,
      ...(anyPose ? { yaw: tr.yaw, pitch: tr.pitch, roll: tr.roll } : {}),
      bestFrame: tr.bestFrame,
      bestScore: tr.bestScore,
    }));
  const series: InputSeries = { t, frame, ...(faces ? { faces } : {}), ...(coverage ? { coverage } : {}), tracks: list };
  return { series, framesWithFace: withFace, tracks: list.length };
}
