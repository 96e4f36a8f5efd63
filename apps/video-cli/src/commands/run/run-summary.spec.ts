import { describe, expect, it } from 'vitest';
import { summarizeRun, type RunFileSummary } from './run-summary.js';

const file = (status: RunFileSummary['status'], frames: number): RunFileSummary => ({ input: `${status}.mp4`, kind: 'video', status, frames, elapsedMs: 0, fps: 0, outputs: [] });

describe('summarizeRun', () => {
  it('counts statuses, sums frames and rounds frames/s to 2 decimals', () => {
    const s = summarizeRun([file('done', 100), file('done', 50), file('skipped', 0), file('failed', 3)], { elapsedMs: 3000, interrupted: false, out: '/r', stages: ['detect'] });
    expect(s).toMatchObject({ ok: false, interrupted: false, done: 2, skipped: 1, failed: 1, frames: 153, fps: 51, elapsedMs: 3000, out: '/r', stages: ['detect'] });
    expect(s.files).toHaveLength(4);
    expect(summarizeRun([file('done', 7)], { elapsedMs: 3000, interrupted: false, out: '/r', stages: [] })).toMatchObject({ ok: true, fps: 2.33 });
    expect(summarizeRun([file('interrupted', 1)], { elapsedMs: 0, interrupted: true, out: '/r', stages: [] })).toMatchObject({ ok: false, fps: 0 });
  });
});
