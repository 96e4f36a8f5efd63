import { concatMap, firstValueFrom, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { AsyncTestScheduler } from './async-test-scheduler.js';

const later = (ts: TestScheduler, frames: number, v: string): Promise<string> => firstValueFrom(timer(frames, ts)).then(() => v.toUpperCase());

describe('AsyncTestScheduler', () => {
  it('runs Promise continuations in virtual time, at the frame their promise was resolved', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    await ts.runAsync(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b|');
      expectObservable(source.pipe(concatMap(async (v) => later(ts, 2, v)))).toBe('--A-(B|)');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('sleep(n) resolves n virtual frames later', async () => {
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    const seen: number[] = [];
    await ts.runAsync(() => {
      void ts.sleep(3).then(() => seen.push(ts.now()));
      void ts.sleep(0).then(() => seen.push(ts.now()));
    });
    expect(seen).toEqual([0, 3]);
  });

  it('plain run() cannot see them (why this class exists), and a wrong expectation fails', async () => {
    const plain = new TestScheduler((a, b) => expect(a).toEqual(b));
    expect(() => plain.run(({ cold, expectObservable }) => expectObservable(cold('a|').pipe(concatMap((v) => later(plain, 1, v)))).toBe('-(A|)'))).toThrow();
    const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
    await expect(ts.runAsync(({ cold, expectObservable }) => expectObservable(cold('a|').pipe(concatMap((v) => later(ts, 1, v)))).toBe('(A|)'))).rejects.toThrow();
  });
});
