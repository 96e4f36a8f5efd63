import { describe, expect, it } from 'vitest';
import { formatStatus } from './format-status.js';
import type { QueueSnapshot } from './queue-snapshot.js';

const snapshot: QueueSnapshot = {
  queue: 'facepipe',
  counts: { waiting: 2, active: 1, completed: 2, failed: 1, delayed: 0 },
  active: [{ id: 'fp-1', input: '/mnt/v/long.mp4', frames: 40, expected: 80, attempt: 2 }],
  failed: [{ id: 'fp-2', input: '/mnt/v/bad.mp4', reason: 'DecoderError: ffprobe could not read the video (exit 1): /mnt/v/bad.mp4 | moov atom not found', attempts: 1 }],
  frames: 250,
  elapsedMs: 8100,
  fps: 30.86,
  etaMs: 9500,
  idle: false,
};

describe('formatStatus', () => {
  it('counts, one bar per active job, the overall line as run draws it, then failures with reasons', () => {
    expect(formatStatus(snapshot, Infinity)).toEqual([
      'queue facepipe: 2 waiting, 1 active, 2 completed, 1 failed, 0 delayed',
      '  long.mp4 ############------------ 40/80 frames (attempt 2)',
      'overall ############------------ 3/6 files 250 frames 30.9 fps elapsed 8.1s ETA 9.5s',
      'failed: /mnt/v/bad.mp4: DecoderError: ffprobe could not read the video (exit 1): /mnt/v/bad.mp4 | moov atom not found',
    ]);
  });

  it('narrow terminals lose the bars before the numbers; unknown ETA is "?"', () => {
    const { etaMs: _, ...noEta } = snapshot;
    const lines = formatStatus(noEta, 58);
    expect(lines[1]).toBe('  long.mp4 40/80 frames (attempt 2)');
    expect(lines[2]).toBe('overall 3/6 files 250 frames 30.9 fps elapsed 8.1s ETA ?');
    expect(lines.every((l) => l.length <= 58)).toBe(true);
  });

  it('lists at most maxFailed failures, then how many more', () => {
    const failed = Array.from({ length: 5 }, (_, i) => ({ id: `f${i}`, input: `/v/${i}.mp4`, reason: 'DecoderError: x', attempts: 1 }));
    const lines = formatStatus({ ...snapshot, failed }, Infinity, 2);
    expect(lines.filter((l) => l.startsWith('failed: '))).toHaveLength(2);
    expect(lines.at(-1)).toBe('… and 3 more failed (use --json for all)');
  });
});
