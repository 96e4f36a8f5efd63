import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecoderError } from '@facepipe/core';
import { loadMotGroundTruth, MotFormatError, parseMotGroundTruth } from './load-mot-ground-truth.js';

// Lines as in MOT17 gt.txt: frame,id,left,top,width,height,conf,class,visibility
const MOT17 = `1,1,912,484,97,109,0,7,1
1,2,1338,418,167,379,1,1,0.86
2,2,1340,419,167,379,1,1,0.8
3,2,1342,420,167,379,1,1,0.2
3,3,100,100,20,40,1,1,1
`;

describe('parseMotGroundTruth', () => {
  it('reads MOTChallenge gt.txt as is: 1-based frames, x/y/w/h to corners, ignore flags from conf and class', () => {
    const gt = parseMotGroundTruth(MOT17, 'gt.txt');
    expect(gt.frames).toHaveLength(3);
    expect(gt.frames[0]).toEqual([
      { id: 1, box: [912, 484, 1009, 593], ignore: true }, // conf 0, class 7 (static person)
      { id: 2, box: [1338, 418, 1505, 797], ignore: false },
    ]);
    expect(gt.frames[2]!.map((b) => b.id)).toEqual([2, 3]);
    expect(gt).toMatchObject({ format: 'mot-challenge', tracks: 2, rows: 5, source: 'gt.txt' });
    const vis = parseMotGroundTruth(MOT17, 'gt.txt', { minVisibility: 0.5 });
    expect(vis.frames[2]![0]!.ignore).toBe(true);
  });

  it('takes 7-column files, spaces, comments and blank lines; gaps become empty frames', () => {
    const gt = parseMotGroundTruth('# frame id x y w h conf\n\n1 4 0 0 10 10 1\n3, 4, 2, 0, 10, 10, 1\n', 'x.txt');
    expect(gt.frames).toEqual([[{ id: 4, box: [0, 0, 10, 10], ignore: false }], [], [{ id: 4, box: [2, 0, 12, 10], ignore: false }]]);
  });

  it('names the line and the field of malformed input', () => {
    expect(() => parseMotGroundTruth('1,1,0,0,10,10,1\n1,1,0,0', 'a.txt')).toThrow('Invalid MOTChallenge ground truth in a.txt line 2: expected at least 7 fields (frame, id, left, top, width, height, conf), got 4: "1,1,0,0"');
    expect(() => parseMotGroundTruth('0,1,0,0,10,10,1', 'a.txt')).toThrow(/line 1: expected `frame` to be an integer >= 1, got 0/);
    expect(() => parseMotGroundTruth('1,1,0,abc,10,10,1', 'a.txt')).toThrow(/expected `bb_top` to be a number, got "abc"/);
    expect(() => parseMotGroundTruth('1,1,0,0,-3,10,1', 'a.txt')).toThrow(/bb_width and bb_height >= 0/);
    expect(() => parseMotGroundTruth('1,1,0,0,3,10,1\n1,1,5,0,3,10,1', 'a.txt')).toThrow(/line 2: id 1 appears twice in frame 1/);
    try {
      parseMotGroundTruth('1,1', 'b.txt');
    } catch (err) {
      expect(err).toBeInstanceOf(MotFormatError);
      expect(err).toMatchObject({ name: 'MotFormatError', file: 'b.txt', line: 1 });
    }
  });
});

describe('loadMotGroundTruth', () => {
  it('reads a file or a MOTChallenge sequence folder (gt/gt.txt); a missing file is a DecoderError', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-mot-'));
    fs.mkdirSync(path.join(dir, 'gt'));
    fs.writeFileSync(path.join(dir, 'gt', 'gt.txt'), MOT17);
    expect((await loadMotGroundTruth(dir)).source).toBe(path.join(dir, 'gt', 'gt.txt'));
    expect((await loadMotGroundTruth(path.join(dir, 'gt', 'gt.txt'))).rows).toBe(5);
    await expect(loadMotGroundTruth(path.join(dir, 'nope.txt'))).rejects.toBeInstanceOf(DecoderError);
    fs.rmSync(dir, { recursive: true });
  });
});
