import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { from, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createFrame, readFrames, withResults, type Frame } from '@facepipe/core';
import { detectFaces } from './detect-faces.js';
import { trackFaces } from './track-faces.js';
import type { Face, FrameWithFaces } from '@facepipe/core';

const shared = process.env.FACEPIPE_SHARED!;
const pixels = new Uint8Array(4 * 4 * 3);
const frameWith = (index: number, boxes: [number, number, number, number][]): Frame =>
  withResults(createFrame({ data: pixels, width: 4, height: 4, index }), { faces: boxes.map((box) => ({ box, score: 0.9 })) });
const ids = (f: FrameWithFaces): (number | undefined)[] => f.results.faces.map((x) => x.id);

describe('trackFaces (synthetic)', () => {
  it('marble: ids follow moving faces, new faces get fresh ids, teardown unsubscribes the source', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const src = cold('a-b-c-d|', {
        a: frameWith(0, [[0, 0, 10, 10]]),
        b: frameWith(1, [[100, 100, 110, 110], [1, 0, 11, 10]]),
        c: frameWith(2, [[2, 0, 12, 10], [101, 100, 111, 110]]),
        d: frameWith(3, [[200, 0, 210, 10]]),
      });
      const out = src.pipe(trackFaces());
      expectObservable(out, '^-----!').toBe('a-b-c-', {
        a: expect.objectContaining({ results: { faces: [{ box: [0, 0, 10, 10], score: 0.9, id: 1 }] } }),
        b: expect.objectContaining({ results: { faces: [{ box: [100, 100, 110, 110], score: 0.9, id: 2 }, { box: [1, 0, 11, 10], score: 0.9, id: 1 }] } }),
        c: expect.objectContaining({ results: { faces: [{ box: [2, 0, 12, 10], score: 0.9, id: 1 }, { box: [101, 100, 111, 110], score: 0.9, id: 2 }] } }),
      });
      expectSubscriptions(src.subscriptions).toBe('^-----!');
    });
  });

  it('two faces crossing paths keep their ids (constant-velocity prediction + optimal assignment)', async () => {
    const frames: Frame[] = [];
    for (let t = 0; t <= 40; t++) {
      // Face A moves right, face B moves left along the same row; they overlap fully at t = 20.
      const ax = 20 + t * 4, bx = 180 - t * 4;
      frames.push(frameWith(t, [[ax, 50, ax + 40, 90], [bx, 52, bx + 40, 92]]));
    }
    const out = await lastValueFrom(from(frames).pipe(trackFaces(), toArray()));
    for (const f of out) expect(ids(f)).toEqual([1, 2]);
  });

  it('maxAge keeps an id through short gaps, then ends the track; ids are never reused', async () => {
    const f = (i: number, present: boolean): Frame => frameWith(i, present ? [[10, 10, 50, 50]] : []);
    const seq = [f(0, true), f(1, false), f(2, false), f(3, true), f(4, false), f(5, false), f(6, false), f(7, true)];
    const out = await lastValueFrom(from(seq).pipe(trackFaces({ maxAge: 2 }), toArray()));
    expect(out.map(ids)).toEqual([[1], [], [], [1], [], [], [], [2]]);
  });

  it('minHits: faces of unconfirmed tracks carry no id; a confirmed track numbers from 1', async () => {
    const seq = [frameWith(0, [[0, 0, 10, 10]]), frameWith(1, [[0, 0, 10, 10], [50, 50, 60, 60]]), frameWith(2, [[0, 0, 10, 10]]), frameWith(3, [[0, 0, 10, 10], [50, 50, 60, 60]])];
    const out = await lastValueFrom(from(seq).pipe(trackFaces({ minHits: 3 }), toArray()));
    expect(out.map(ids)).toEqual([[undefined], [undefined, undefined], [1], [1, undefined]]);
    expect('id' in out[0]!.results.faces[0]!).toBe(false);
  });

  it('state is per subscription', async () => {
    const tracked = from([frameWith(0, [[0, 0, 10, 10]]), frameWith(1, [[50, 50, 60, 60]])]).pipe(trackFaces({ maxAge: 0 }), toArray());
    expect((await lastValueFrom(tracked)).map(ids)).toEqual([[1], [2]]);
    expect((await lastValueFrom(tracked)).map(ids)).toEqual([[1], [2]]);
  });

  it('rejects bad options and frames without faces', async () => {
    expect(() => trackFaces({ iouThreshold: 1.5 })).toThrow('Expected `iouThreshold` to be a number in [0, 1], got `1.5` (number)');
    expect(() => trackFaces({ maxAge: -1 })).toThrow(/`maxAge`/);
    expect(() => trackFaces({ minHits: 0 })).toThrow(/`minHits`/);
    expect(() => trackFaces({ minHits: NaN })).toThrow(/`minHits`.*NaN/);
    const bare = createFrame({ data: pixels, width: 4, height: 4, index: 7, sourceId: 'cam' });
    await expect(lastValueFrom(from([bare]).pipe(trackFaces()))).rejects.toThrow(/frame 7 of cam has none/);
  });
});

describe('trackFaces on real video (UltraFace RFB-320)', () => {
  const centre = (f: Face): [number, number] => [(f.box[0] + f.box[2]) / 2, (f.box[1] + f.box[3]) / 2];

  /** No id jumps between faces: between consecutive sightings, a track's centre moves less than 60% of its width per frame. */
  function maxJump(frames: FrameWithFaces[]): number {
    const last = new Map<number, { i: number; c: [number, number]; w: number }>();
    let worst = 0;
    for (const [i, fr] of frames.entries()) {
      for (const face of fr.results.faces) {
        const c = centre(face), w = face.box[2] - face.box[0];
        const prev = last.get(face.id!);
        if (prev) worst = Math.max(worst, Math.hypot(c[0] - prev.c[0], c[1] - prev.c[1]) / (Math.max(w, prev.w) * (i - prev.i)));
        last.set(face.id!, { i, c, w });
      }
    }
    return worst;
  }

  it('driving.mp4: the single face keeps one id over the whole clip', async () => {
    const frames = await lastValueFrom(readFrames(path.join(shared, 'data/video/driving.mp4')).pipe(detectFaces({ workers: 0 }), trackFaces(), toArray()));
    const allIds = new Set(frames.flatMap((f) => f.results.faces.map((x) => x.id)));
    const withFace = frames.filter((f) => f.results.faces.length > 0).length;
    console.log(`[track] driving.mp4: ${frames.length} frames, ${withFace} with a face, ids ${[...allIds].join(',')}, max centre jump ${maxJump(frames).toFixed(3)} widths/frame`);
    expect(frames).toHaveLength(169);
    expect(frames.map((f) => f.index)).toEqual([...Array(169).keys()]);
    expect(withFace).toBeGreaterThanOrEqual(160);
    expect([...allIds]).toEqual([1]);
  });

  it('short_hamilton_clip.mp4: ids never jump between faces; the two opening faces and the four closing faces keep theirs', async () => {
    const frames = await lastValueFrom(readFrames(path.join(shared, 'data/video/short_hamilton_clip.mp4')).pipe(detectFaces({ workers: 0 }), trackFaces(), toArray()));
    expect(frames).toHaveLength(275);
    const jump = maxJump(frames);
    // Opening shot (frames 0-19): two faces far apart, one on each side.
    const opening = frames.slice(0, 20);
    const left = new Set(opening.flatMap((f) => f.results.faces.filter((x) => centre(x)[0] < 320).map((x) => x.id)));
    const right = new Set(opening.flatMap((f) => f.results.faces.filter((x) => centre(x)[0] >= 320).map((x) => x.id)));
    // Closing shot (frames 215-274): four faces side by side; each id stays in one place.
    const closing = frames.slice(215);
    const spread = new Map<number, [number, number]>();
    for (const f of closing) {
      for (const x of f.results.faces) {
        const cx = centre(x)[0];
        const s = spread.get(x.id!) ?? [cx, cx];
        spread.set(x.id!, [Math.min(s[0], cx), Math.max(s[1], cx)]);
      }
    }
    const allIds = [...new Set(frames.flatMap((f) => f.results.faces.map((x) => x.id!)))].sort((a, b) => a - b);
    console.log(
      `[track] hamilton: ${frames.length} frames, ${allIds.length} ids (max ${allIds.at(-1)}), max centre jump ${jump.toFixed(3)} widths/frame, ` +
        `opening left ids ${[...left]} right ids ${[...right]}, closing id x-spreads ${JSON.stringify([...spread].map(([id, [a, b]]) => [id, Math.round(b - a)]))}`,
    );
    expect(jump).toBeLessThan(0.6);
    expect(left.size).toBe(1);
    expect(right.size).toBe(1);
    expect([...left][0]).not.toBe([...right][0]);
    const wide = [...spread.values()].filter(([a, b]) => b - a > 60);
    expect(wide).toEqual([]);
    expect(allIds).toEqual([...Array(allIds.length).keys()].map((k) => k + 1));
  });
});
