import { firstValueFrom, map, of, toArray, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { inParallel } from './in-parallel.js';
import { mapOrdered } from './map-ordered.js';

const scheduler = () => new TestScheduler((a, b) => expect(a).toEqual(b));

describe('inParallel (marbles, virtual time)', () => {
  it('both branches work on a value at once: each output comes when the slower branch is done, not after both in turn', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b|');
      // first takes 3 frames per value, second 2; run one after the other a would be done at 5
      const first = (s: Observable<string>) => s.pipe(mapOrdered((v: string) => cold('---x|', { x: v.toUpperCase() }), { concurrency: 2 }));
      const second = (s: Observable<string>) => s.pipe(mapOrdered((v: string) => cold('--y|', { y: `${v}!` }), { concurrency: 2 }));
      const out = source.pipe(inParallel(first, second, (a, b) => `${a}${b}`));
      expectObservable(out).toBe('---x-(y|)', { x: 'Aa!', y: 'Bb!' });
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('outputs pair by position and keep source order when one branch is ahead', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const source = cold('abc|');
      const fast = (s: Observable<string>) => s.pipe(map((v) => v));
      const slow = (s: Observable<string>) => s.pipe(mapOrdered((v: string) => cold('----z|', { z: v.toUpperCase() }), { concurrency: 3 }));
      expectObservable(source.pipe(inParallel(fast, slow, (a, b) => `${a}${b}`))).toBe('----xyz|'.replace('z|', '(z|)'), { x: 'aA', y: 'bB', z: 'cC' });
    });
  });

  it('a synchronous source reaches both branches (they are subscribed before it is)', async () => {
    const seen: string[] = [];
    const tap = (name: string) => (s: Observable<number>) => s.pipe(map((v) => (seen.push(`${name}${v}`), v * (name === 'a' ? 1 : 10))));
    const out = await firstValueFrom(of(1, 2, 3).pipe(inParallel(tap('a'), tap('b'), (x, y) => x + y), toArray()));
    expect(out).toEqual([11, 22, 33]);
    expect(seen.filter((s) => s.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(seen.filter((s) => s.startsWith('b'))).toEqual(['b1', 'b2', 'b3']);
  });

  it('an error in one branch errors the output and unsubscribes the other branch and the source', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c|');
      const inner = { a: cold('-A|'), b: cold('-#', undefined, new Error('boom')), c: cold('-C|') };
      const failing = (s: Observable<string>) => s.pipe(mapOrdered((v: string) => inner[v as 'a' | 'b' | 'c'] as Observable<string>));
      const slow = cold('-----s|');
      const other = (s: Observable<string>) => s.pipe(mapOrdered(() => slow as Observable<string>, { concurrency: 3 }));
      expectObservable(source.pipe(inParallel(failing, other, (a, b) => a + b))).toBe('---#', undefined, new Error('boom'));
      expectSubscriptions(source.subscriptions).toBe('^--!');
      expectSubscriptions(slow.subscriptions).toBe(['^--!', '--^!']);
    });
  });

  it('merge throwing is an error notification', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const same = (s: Observable<string>) => s;
      const out = cold('ab|').pipe(
        inParallel(same, same, (a) => {
          if (a === 'b') throw new Error('mismatch');
          return a;
        }),
      );
      expectObservable(out).toBe('a#', { a: 'a' }, new Error('mismatch'));
    });
  });

  it('unsubscribing the output tears both branches and the source down', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a---b---|');
      const innerA = cold('------x|');
      const innerB = cold('--y|');
      const first = (s: Observable<string>) => s.pipe(mapOrdered(() => innerA as Observable<string>));
      const second = (s: Observable<string>) => s.pipe(mapOrdered(() => innerB as Observable<string>));
      expectObservable(source.pipe(inParallel(first, second, (a, b) => a + b)), '^----!').toBe('------');
      expectSubscriptions(source.subscriptions).toBe('^----!');
      expectSubscriptions(innerA.subscriptions).toBe('^----!');
      expectSubscriptions(innerB.subscriptions).toBe(['^-!', '----^!']); // mapOrdered takes one value per project
    });
  });
});
