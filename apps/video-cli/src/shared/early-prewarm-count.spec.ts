import { describe, expect, it } from 'vitest';
import { earlyPrewarmCount } from './early-prewarm-count.js';

describe('earlyPrewarmCount', () => {
  it('counts the sessions a run will open, times --workers (default stages: detector, landmarks, FSA-Net)', () => {
    expect(earlyPrewarmCount(['run', 'clip.mp4'])).toBe(3);
    expect(earlyPrewarmCount(['run', 'clip.mp4', '--stages', 'detect'])).toBe(1);
    expect(earlyPrewarmCount(['run', 'a.mp4', 'b.mp4', '--stages=detect,landmarks,pose,segment', '--workers', '2'])).toBe(8);
    expect(earlyPrewarmCount(['run', 'clip.mp4', '--stages', 'detect,pose', '--pose', 'pnp'])).toBe(2); // pnp needs the landmark model, not FSA-Net
    expect(earlyPrewarmCount(['run', '-', '--live', '--stages', 'segment'])).toBe(1);
  });

  it('starts none for other commands, --help, --workers 0 or arguments it does not understand', () => {
    expect(earlyPrewarmCount([])).toBe(0);
    expect(earlyPrewarmCount(['models', 'list'])).toBe(0);
    expect(earlyPrewarmCount(['eval', '--stages', 'detect'])).toBe(0);
    expect(earlyPrewarmCount(['run', 'clip.mp4', '--help'])).toBe(0);
    expect(earlyPrewarmCount(['run', 'clip.mp4', '--workers', '0'])).toBe(0);
    expect(earlyPrewarmCount(['run', 'clip.mp4', '--stages', 'detect,faces'])).toBe(0);
    expect(earlyPrewarmCount(['run', 'clip.mp4', '--workers', 'many'])).toBe(0);
    expect(earlyPrewarmCount(['run', 'clip.mp4', '--pose', 'guess'])).toBe(0);
    expect(earlyPrewarmCount(['run', 'clip.mp4', '--stages'])).toBe(0);
  });
});
