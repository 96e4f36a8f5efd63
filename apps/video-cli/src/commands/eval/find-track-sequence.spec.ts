import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../shared/usage-error.js';
import { findTrackSequence } from './find-track-sequence.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-seq-'));
const touch = (p: string, text = ''): string => {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
};
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('findTrackSequence', () => {
  it('a sequence folder: gt/gt.txt with one video, or MOTChallenge img1/ frames in name order', () => {
    const gt = touch(path.join(root, 'a', 'gt', 'gt.txt'));
    const video = touch(path.join(root, 'a', 'clip.mp4'));
    expect(findTrackSequence(path.join(root, 'a'))).toEqual({ gt, frames: { kind: 'video', path: video } });
    // the gt.txt file itself finds the same video one folder up
    expect(findTrackSequence(gt).frames).toEqual({ kind: 'video', path: video });
    const b = path.join(root, 'b');
    touch(path.join(b, 'gt.txt'));
    const frames = ['000002.jpg', '000001.jpg'].map((f) => touch(path.join(b, 'img1', f)));
    expect(findTrackSequence(b).frames).toEqual({ kind: 'images', path: path.join(b, 'img1'), files: [frames[1], frames[0]] });
  });

  it('--video overrides the lookup; missing or ambiguous data is a UsageError saying what to do', () => {
    const c = path.join(root, 'c');
    touch(path.join(c, 'gt', 'gt.txt'));
    touch(path.join(c, 'one.mp4'));
    touch(path.join(c, 'two.mkv'));
    expect(() => findTrackSequence(c)).toThrow('several videos (one.mp4, two.mkv); choose one with --video');
    expect(findTrackSequence(c, path.join(c, 'two.mkv')).frames).toEqual({ kind: 'video', path: path.join(c, 'two.mkv') });
    expect(() => findTrackSequence(c, path.join(c, 'three.mp4'))).toThrow(/--video not found/);
    expect(() => findTrackSequence(path.join(root, 'nope'))).toThrow(UsageError);
    const d = path.join(root, 'd');
    touch(path.join(d, 'gt.txt'));
    expect(() => findTrackSequence(d)).toThrow(/no video or img1\/ frames found .*give the video with --video/);
    fs.mkdirSync(path.join(root, 'e'));
    expect(() => findTrackSequence(path.join(root, 'e'))).toThrow(/folder without gt\/gt.txt or gt.txt/);
  });
});

