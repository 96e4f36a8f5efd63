import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { createFrame, type Frame } from '../tensor/frame.js';
import { lendFrameData, releaseFrames } from './release-frame.js';

describe('releaseFrames (marbles)', () => {
  it('passes frames on in order and releases each at the virtual time downstream took it; unsubscribing stops both', () => {
    const ts = new TestScheduler((a, b) => expect(a).toEqual(b));
    const released: string[] = [];
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const frames: Record<string, Frame> = {};
      for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) {
        frames[k] = createFrame({ data: new Uint8Array(3), width: 1, height: 1, index: i });
        lendFrameData(frames[k].data, { giveBack: () => (released.push(`${k}@${ts.now()}`), true) });
      }
      const source = cold('a-bc--d|', frames);
      expectObservable(source.pipe(releaseFrames()), '^----!').toBe('a-bc-', frames);
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
    expect(released).toEqual(['a@0', 'b@2', 'c@3']); // d was never emitted, so never released
  });

  it('a source error passes through at its frame and unsubscribes the source', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const f = createFrame({ data: new Uint8Array(3), width: 1, height: 1, index: 0 });
      const source = cold('a--#', { a: f }, new Error('decoder died'));
      expectObservable(source.pipe(releaseFrames())).toBe('a--#', { a: f }, new Error('decoder died'));
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });
});
