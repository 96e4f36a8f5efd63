import { EmptyError, firstValueFrom, timer, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { AsyncTestScheduler } from '../testing/async-test-scheduler.js';
import { mapOrdered } from './map-ordered.js';

const scheduler = () => new TestScheduler((a, b) => expect(a).toEqual(b));

describe('mapOrdered (marbles, virtual time)', () => {
  it('emits in source order while later values finish first, with at most `concurrency` in flight', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('abcd|');
      // Each value's result is a cold observable: a takes 4 frames, b 1, c 2, d 0.
      const inner: Record<string, ReturnType<typeof cold>> = { a: cold('----A|'), b: cold('-B|'), c: cold('--C|'), d: cold('D|') };
      const out = source.pipe(mapOrdered((v: string) => inner[v]! as Observable<string>, { concurrency: 2 }));
      // B is ready at 2 but waits for A (4); c starts when b frees its slot (2), d when a does (4).
      expectObservable(out).toBe('----(ABCD|)');
      expectSubscriptions(source.subscriptions).toBe('^---!');
      expectSubscriptions(inner.a!.subscriptions).toBe('^---!');
      expectSubscriptions(inner.b!.subscriptions).toBe('-^!');
      expectSubscriptions(inner.c!.subscriptions).toBe('--^-!');
      expectSubscriptions(inner.d!.subscriptions).toBe('----(^!)');
    });
  });

  it('concurrency 1 runs one project at a time: the second starts when the first result is in', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const out = cold('ab|').pipe(mapOrdered((v: string) => cold('--x|', { x: v.toUpperCase() })));
      expectObservable(out).toBe('--A-(B|)');
    });
  });

  it('unsubscribing mid-flight unsubscribes the source and the in-flight project, and drops its result', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c|');
      const inner: Record<string, ReturnType<typeof cold>> = { a: cold('---A|'), b: cold('---B|'), c: cold('---C|') };
      const out = source.pipe(mapOrdered((v: string) => inner[v]! as Observable<string>));
      expectObservable(out, '^----!').toBe('---A-');
      expectSubscriptions(source.subscriptions).toBe('^----!');
      expectSubscriptions(inner.a!.subscriptions).toBe('^--!');
      expectSubscriptions(inner.b!.subscriptions).toBe('---^-!');
      expectSubscriptions(inner.c!.subscriptions).toBe([]);
    });
  });

  it('a project error is an error notification at its virtual time and unsubscribes the source', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-|');
      const out = source.pipe(mapOrdered((v: string) => (v === 'b' ? cold('-#', undefined, new Error('boom')) : cold('x|', { x: v }))));
      expectObservable(out).toBe('a--#', { a: 'a' }, new Error('boom'));
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('a project observable that completes without a value is an EmptyError', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a|').pipe(mapOrdered(() => cold<string>('--|')))).toBe('--#', undefined, expect.any(EmptyError));
    });
  });

  it('setup (async) holds values back until it resolves in virtual time; teardown runs on unsubscribe', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const log: string[] = [];
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('ab-----c');
      const out = source.pipe(
        mapOrdered((v: string, k: number) => cold('-x|', { x: `${v}${k}` }), {
          setup: () => firstValueFrom(timer(3, ts)).then(() => (log.push(`setup@${ts.now()}`), 7)),
          teardown: (k) => void log.push(`teardown ${k}@${ts.now()}`),
          concurrency: 2,
        }),
      );
      // a and b wait for setup (3), then take 1 frame each; c arrives at 7 and is done at 8.
      expectObservable(out, '^--------!').toBe('----(xy)z', { x: 'a7', y: 'b7', z: 'c7' });
      expectSubscriptions(source.subscriptions).toBe('^--------!');
    });
    expect(log).toEqual(['setup@3', 'teardown 7@9']);
  });
});
