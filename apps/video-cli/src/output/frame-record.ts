import type { Frame } from '@facepipe/core';
import type { Face } from '@facepipe/detector';

/** One face in a JSONL line. */
export interface FaceRecord {
  id?: number;
  box: [number, number, number, number];
  score: number;
  landmarks?: [number, number][];
  pose?: { yaw: number; pitch: number; roll: number };
}

/** One line of `<basename>.jsonl` (fields present when their stage ran). */
export interface FrameRecord {
  frame: number;
  timeMs: number;
  width: number;
  height: number;
  faces?: FaceRecord[];
  mask?: { file?: string; coverage: number };
}

const r2 = (v: number): number => Math.round(v * 100) / 100;
const r4 = (v: number): number => Math.round(v * 10000) / 10000;

/**
 * Convert a processed frame to its JSONL record. Coordinates are rounded to 0.01 px, scores to
 * 1e-4, angles to 0.01 degree.
 *
 * ## Example
 * ```ts
 * frameRecord(frame, { faces: true });
 * // { frame: 0, timeMs: 0, width: 640, height: 360, faces: [{ id: 1, box: [10, 20, 60, 80], score: 0.98 }] }
 * ```
 */
export function frameRecord(frame: Frame, options: { faces: boolean; mask?: { file?: string; coverage: number } }): FrameRecord {
  const rec: FrameRecord = { frame: frame.index, timeMs: r2(frame.timeMs), width: frame.width, height: frame.height };
  if (options.faces) rec.faces = (frame.results.faces ?? []).map(faceRecord);
  if (options.mask) rec.mask = options.mask.file === undefined ? { coverage: r4(options.mask.coverage) } : { file: options.mask.file, coverage: r4(options.mask.coverage) };
  return rec;
}

function faceRecord(face: Face): FaceRecord {
  const out: FaceRecord = {
    ...(face.id !== undefined ? { id: face.id } : {}),
    box: [r2(face.box[0]), r2(face.box[1]), r2(face.box[2]), r2(face.box[3])],
    score: r4(face.score),
  };
  if (face.landmarks) {
    const pts: [number, number][] = [];
    for (let i = 0; i + 1 < face.landmarks.length; i += 2) pts.push([r2(face.landmarks[i]!), r2(face.landmarks[i + 1]!)]);
    out.landmarks = pts;
  }
  if (face.pose) out.pose = { yaw: r2(face.pose.yaw), pitch: r2(face.pose.pitch), roll: r2(face.pose.roll) };
  return out;
}
