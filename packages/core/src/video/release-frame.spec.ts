import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { createFrame, withResults, type Frame } from '../tensor/frame.js';
import { lendFrameData, releaseFrame, releaseFrames } from './release-frame.js';

function frame(index: number): Frame {
  return createFrame({ data: new Uint8Array(12), width: 2, height: 2, index });
}

describe('releaseFrame / releaseFrames', () => {
  it('gives a lent buffer back once, also through frames rebuilt by withResults', () => {
    const returned: number[] = [];
    const f = frame(0);
    lendFrameData(f.data, { giveBack: () => (returned.push(0), true) });
    const rebuilt = withResults(f, {});
    expect(releaseFrame(rebuilt)).toBe(true);
    expect(releaseFrame(f)).toBe(false);
    expect(releaseFrame(frame(1))).toBe(false);
    expect(returned).toEqual([0]);
  });

  it('releaseFrames passes frames through unchanged, releasing each after downstream next returns', () => {
    const log: string[] = [];
    const frames = [frame(0), frame(1)];
    for (const f of frames) lendFrameData(f.data, { giveBack: () => (log.push(`release ${f.index}`), true) });
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b|', { a: frames[0]!, b: frames[1]! });
      const out = source.pipe(releaseFrames());
      out.subscribe((f) => log.push(`next ${f.index}`));
      expectObservable(out).toBe('a-b|', { a: frames[0]!, b: frames[1]! });
      expectSubscriptions(source.subscriptions).toBe(['^--!', '^--!']);
    });
    expect(log).toEqual(['next 0', 'release 0', 'next 1', 'release 1']);
  });

  it('releaseFrames forwards errors and unsubscribes its source', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-#', { a: frame(0) });
      expectObservable(source.pipe(releaseFrames())).toBe('a-#', { a: frame(0) });
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });
});
