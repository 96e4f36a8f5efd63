import { describe, expect, it } from 'vitest';
import { createProgressReporter } from './progress-reporter.js';

function stream(isTTY: boolean) {
  let text = '';
  return { isTTY, columns: 200, write: (s: string) => void (text += s), text: () => text };
}

describe('createProgressReporter', () => {
  it('prints plain lines without a TTY, with fps', () => {
    let t = 0;
    const s = stream(false);
    const p = createProgressReporter(s, { totalFiles: 2, expectedTotalFrames: 20, now: () => t, plainEveryMs: 1000 });
    p.startFile('a.mp4', 10);
    for (let i = 0; i < 10; i++) {
      t += 200;
      p.frame();
    }
    p.endFile('done', 'out/a.jsonl');
    p.startFile('bad.mp4', undefined);
    p.endFile('failed', 'DecoderError: corrupt');
    p.close();
    const lines = s.text().trim().split('\n');
    expect(lines[0]).toBe('[1/2] a.mp4: started (10 frames expected)');
    expect(lines).toContain('[1/2] a.mp4: done, 10 frames in 2.0s (5.0 fps) -> out/a.jsonl');
    expect(lines.some((l) => /^\[1\/2\] a\.mp4 .* 5\/10 frames 5\.0 fps ETA 1\.0s$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('[2/2] bad.mp4: failed: DecoderError: corrupt');
    expect(s.text()).not.toMatch(/\x1b/);
  });
  it('redraws two bars on a TTY (file and overall with ETA) and clears them', () => {
    let t = 0;
    const s = stream(true);
    const p = createProgressReporter(s, { totalFiles: 1, expectedTotalFrames: 4, now: () => t, intervalMs: 0 });
    p.startFile('a.mp4', 4);
    t += 500;
    p.frame();
    p.close();
    expect(s.text()).toMatch(/\[1\/1\] a\.mp4 #{6}-{18} 1\/4 frames 2\.0 fps ETA 1\.5s/);
    expect(s.text()).toMatch(/overall #{6}-{18} 0\/1 files 1 frames 2\.0 fps elapsed 500ms ETA 1\.5s/);
    expect(s.text()).toMatch(/\x1b\[2F\x1b\[J$/);
  });
  it('drops the bars, not the counts, on a narrow TTY', () => {
    let t = 0;
    const s = { ...stream(true), columns: 60 };
    const p = createProgressReporter(s, { totalFiles: 1, expectedTotalFrames: 4, now: () => t, intervalMs: 0 });
    p.startFile('a.mp4', 4);
    t += 500;
    p.frame();
    expect(s.text()).toMatch(/\[1\/1\] a\.mp4 1\/4 frames 2\.0 fps ETA 1\.5s/);
    expect(s.text()).not.toMatch(/#/);
  });
  it('prints only failures when quiet', () => {
    const s = stream(false);
    const p = createProgressReporter(s, { totalFiles: 2, quiet: true });
    p.startFile('a.mp4', 1);
    p.frame();
    p.endFile('done');
    p.startFile('b.mp4', 1);
    p.endFile('failed', 'boom');
    expect(s.text()).toBe('[2/2] b.mp4: failed: boom\n');
  });
});
