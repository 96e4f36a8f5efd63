import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { createFrame, withResults, type Frame } from '@facepipe/core';
import type { Face } from '@facepipe/detector';
import { smoothFaces } from './smooth-faces.js';

const frame = (index: number, faces: Face[], timeMs = index * 40): Frame => withResults(createFrame({ data: new Uint8Array(3), width: 1, height: 1, index, timeMs }), { faces });
const face = (x: number, id?: number): Face => ({ box: [x, 0, x + 10, 10], score: 1, ...(id === undefined ? {} : { id }) });
const x1 = (f: Frame): number => f.results.faces![0]!.box[0];

describe('smoothFaces (marbles)', () => {
  it('one frame out per frame in, at the same virtual time, in order; a track is smoothed from its second frame', () => {
    const out: Frame[] = [];
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b--c|', { a: frame(0, [face(0, 1)]), b: frame(1, [face(20, 1)]), c: frame(2, [face(20)]) });
      const smoothed = source.pipe(smoothFaces());
      smoothed.subscribe((f) => out.push(f));
      expectObservable(smoothed).toBe('a-b--c|', { a: expect.objectContaining({ index: 0 }), b: expect.objectContaining({ index: 1 }), c: expect.objectContaining({ index: 2 }) });
      expectSubscriptions(source.subscriptions).toBe(['^-----!', '^-----!']);
    });
    expect(x1(out[0]!)).toBe(0); // first sample of track 1 passes as is
    expect(x1(out[1]!)).toBeGreaterThan(0); // the jump to 20 is smoothed
    expect(x1(out[1]!)).toBeLessThan(20);
    expect(x1(out[2]!)).toBe(20); // no id: untouched
  });

  it('a non-finite timestamp errors at that frame and unsubscribes the source; unsubscribing stops early', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c|', { a: frame(0, [face(0, 1)]), b: frame(1, [face(1, 1)], NaN), c: frame(2, [face(2, 1)]) });
      expectObservable(source.pipe(smoothFaces())).toBe('a-#', { a: expect.objectContaining({ index: 0 }) }, expect.any(RangeError));
      expectSubscriptions(source.subscriptions).toBe('^-!');
      const other = cold('a-a-a|', { a: frame(0, []) });
      expectObservable(other.pipe(smoothFaces()), '^--!').toBe('a-a', { a: expect.objectContaining({ index: 0 }) });
      expectSubscriptions(other.subscriptions).toBe('^--!');
    });
  });
});
