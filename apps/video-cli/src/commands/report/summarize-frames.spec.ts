import { describe, expect, it } from 'vitest';
import type { FrameRecord } from '../../output/frame-record.js';
import { summarizeFrames } from './summarize-frames.js';

const face = (id: number | undefined, score: number, pose?: { yaw: number; pitch: number; roll: number }) => ({ ...(id !== undefined ? { id } : {}), box: [0, 0, 10, 10] as [number, number, number, number], score, ...(pose ? { pose } : {}) });

describe('summarizeFrames', () => {
  it('builds faces per frame, sparse tracks with best frame, and pose series', () => {
    const records: FrameRecord[] = [
      { frame: 0, timeMs: 0, width: 64, height: 48, faces: [face(1, 0.9, { yaw: 1, pitch: 2, roll: 3 })] },
      { frame: 2, timeMs: 80, width: 64, height: 48, faces: [face(1, 0.95, { yaw: 4, pitch: 5, roll: 6 }), face(2, 0.7, { yaw: 0, pitch: 0, roll: 0 }), face(undefined, 0.8)] },
      { frame: 4, timeMs: 160, width: 64, height: 48, faces: [] },
      { frame: 6, timeMs: 240, width: 64, height: 48, faces: [face(2, 0.75, { yaw: -1, pitch: -2, roll: -3 })] },
    ];
    const { series, framesWithFace, tracks } = summarizeFrames(records);
    expect(series.t).toEqual([0, 0.08, 0.16, 0.24]);
    expect(series.frame).toEqual([0, 2, 4, 6]);
    expect(series.faces).toEqual([1, 3, 0, 1]);
    expect(series.coverage).toBeUndefined();
    expect(framesWithFace).toBe(3);
    expect(tracks).toBe(2);
    expect(series.tracks.map((t) => [t.id, t.at, t.score, t.bestFrame, t.bestScore])).toEqual([
      [1, [0, 1], [0.9, 0.95], 2, 0.95],
      [2, [1, 3], [0.7, 0.75], 6, 0.75],
    ]);
    expect(series.tracks[0]!.yaw).toEqual([1, 4]);
    expect(series.tracks[1]!.roll).toEqual([0, -3]);
  });

  it('a detect-only run has no pose series; a segment-only run has coverage and no faces', () => {
    const detect = summarizeFrames([{ frame: 0, timeMs: 0, width: 8, height: 8, faces: [face(3, 0.5)] }]);
    expect(detect.series.tracks[0]!.yaw).toBeUndefined();
    expect(detect.series.coverage).toBeUndefined();
    const seg = summarizeFrames([
      { frame: 0, timeMs: 0, width: 8, height: 8, mask: { coverage: 0.25 } },
      { frame: 1, timeMs: 40, width: 8, height: 8, mask: { coverage: 0.5 } },
    ]);
    expect(seg.series.faces).toBeUndefined();
    expect(seg.series.coverage).toEqual([0.25, 0.5]);
    expect(seg.tracks).toBe(0);
  });
});
