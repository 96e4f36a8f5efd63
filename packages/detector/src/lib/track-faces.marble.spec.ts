import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { createFrame, withResults, type Frame } from '@facepipe/core';
import { trackFaces } from './track-faces.js';

const pixels = new Uint8Array(3);
const at = (index: number, ...xs: number[]): Frame =>
  withResults(createFrame({ data: pixels, width: 1, height: 1, index }), { faces: xs.map((x) => ({ box: [x, 0, x + 10, 10] as const, score: 0.9 })) });
const faceIds = (list: number[]) => ({ faces: list.map((id) => expect.objectContaining({ id })) });
const ids = (...list: number[]) => expect.objectContaining({ results: faceIds(list) });
const tracked = (index: number, ...list: number[]) => expect.objectContaining({ index, results: faceIds(list) });

describe('trackFaces (marbles)', () => {
  it('default minHits 3: frames are held back until their tracks are confirmed, then leave in order with the id', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, expectSubscriptions }) => {
      // One face seen on four frames: the tracker holds minHits - 1 = 2 frames back, so frame 0 leaves when
      // frame 2 arrives (its track confirmed, id 1 from the first frame), frame 1 with frame 3, the rest at completion.
      const source = cold('a-b-c-d|', { a: at(0, 0), b: at(1, 1), c: at(2, 2), d: at(3, 3) });
      expectObservable(source.pipe(trackFaces())).toBe('----x-y(zw|)', {
        x: tracked(0, 1),
        y: tracked(1, 1),
        z: tracked(2, 1),
        w: tracked(3, 1),
      });
      expectSubscriptions(source.subscriptions).toBe('^------!');
    });
  });

  it('one frame out per frame in, at the same virtual time and in order; ids follow the track', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, expectSubscriptions }) => {
      // One face drifting right by 1 px per frame, a second face appearing at frame 2 far away.
      const source = cold('a--b-c|', { a: at(0, 0), b: at(1, 1), c: at(2, 2, 100) });
      expectObservable(source.pipe(trackFaces({ minHits: 1 }))).toBe('a--b-c|', {
        a: tracked(0, 1),
        b: tracked(1, 1),
        c: tracked(2, 1, 2),
      });
      expectSubscriptions(source.subscriptions).toBe('^-----!');
    });
  });

  it('state is per subscription: a second subscriber starts again at id 1', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable }) => {
      const tracked = cold('ab|', { a: at(0, 0), b: at(1, 50) }).pipe(trackFaces({ maxAge: 0, minHits: 1 }));
      expectObservable(tracked).toBe('ab|', { a: ids(1), b: ids(2) });
      expectObservable(tracked).toBe('ab|', { a: ids(1), b: ids(2) });
    });
  });

  it('a frame without results.faces errors at that frame and unsubscribes the source; unsubscribing stops early', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const bare = createFrame({ data: pixels, width: 1, height: 1, index: 1 });
      const source = cold('a-b-c|', { a: at(0, 0), b: bare, c: at(2, 0) });
      expectObservable(source.pipe(trackFaces({ minHits: 1 }))).toBe('a-#', { a: ids(1) }, expect.any(TypeError));
      expectSubscriptions(source.subscriptions).toBe('^-!');
      const other = cold('a-a-a|', { a: at(0, 0) });
      expectObservable(other.pipe(trackFaces({ minHits: 1 })), '^--!').toBe('a-a', { a: expect.anything() });
      expectSubscriptions(other.subscriptions).toBe('^--!');
    });
  });
});
