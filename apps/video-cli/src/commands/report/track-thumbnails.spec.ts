import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFrame, readImage, withResults } from '@facepipe/core';
import type { Face } from '@facepipe/detector';
import { afterAll, describe, expect, it } from 'vitest';
import { createTrackThumbnails, THUMB_SIZE, thumbnailDir } from './track-thumbnails.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-thumbs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A 320x200 frame, one grey level everywhere. */
const frame = (index: number, grey: number, faces: Face[]) => withResults(createFrame({ data: new Uint8Array(320 * 200 * 3).fill(grey), width: 320, height: 200, index }), { faces });
const face = (id: number, score: number, box: [number, number, number, number]): Face => ({ id, score, box }) as Face;

describe('createTrackThumbnails', () => {
  it('keeps the crop of each track from its best-scoring frame and writes small JPEGs', async () => {
    const out = thumbnailDir(path.join(dir, 'clip.jsonl'));
    expect(out).toBe(path.join(dir, 'clip.thumbs'));
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, '99.jpg'), 'stale');
    const t = createTrackThumbnails(out);
    t.observe(frame(0, 40, [face(1, 0.7, [10, 10, 210, 190]), face(2, 0.9, [250, 20, 290, 60])]));
    t.observe(frame(1, 200, [face(1, 0.95, [10, 10, 210, 190]), face(2, 0.5, [250, 20, 290, 60])]));
    t.observe(frame(2, 120, [face(1, 0.8, [10, 10, 210, 190])]));
    const files = await t.write();
    expect(files.map((f) => path.basename(f))).toEqual(['1.jpg', '2.jpg']);
    expect(fs.readdirSync(out).sort()).toEqual(['1.jpg', '2.jpg']);
    const one = await readImage(files[0]!);
    const two = await readImage(files[1]!);
    // track 1: a 240 px crop scaled down to the thumbnail size, from frame 1 (grey 200)
    expect([one.width, one.height]).toEqual([THUMB_SIZE, THUMB_SIZE]);
    expect(Math.abs(one.data[(48 * THUMB_SIZE + 48) * 3]! - 200)).toBeLessThan(4);
    // track 2: a 48 px crop kept at its size, from frame 0 (grey 40)
    expect([two.width, two.height]).toEqual([48, 48]);
    expect(Math.abs(two.data[(24 * 48 + 24) * 3]! - 40)).toBeLessThan(4);
  });
});
