import { Subject, from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { mapOrdered } from './map-ordered.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('mapOrdered', () => {
  it('emits in source order while later values finish first, with at most `concurrency` in flight', async () => {
    let active = 0;
    let peak = 0;
    const delays = [40, 5, 25, 1, 15, 2, 30, 3];
    const out = await lastValueFrom(
      from(delays.map((d, i) => ({ d, i }))).pipe(
        mapOrdered(
          async ({ d, i }) => {
            active++;
            peak = Math.max(peak, active);
            await sleep(d);
            active--;
            return i;
          },
          { concurrency: 3 },
        ),
        toArray(),
      ),
    );
    expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });

  it('runs setup once at subscribe, passes its context, and tears down on complete', async () => {
    const log: string[] = [];
    const out = await lastValueFrom(
      from([1, 2, 3]).pipe(
        mapOrdered((v, ctx: { k: number }) => v * ctx.k, {
          concurrency: 2,
          setup: async () => {
            log.push('setup');
            return { k: 10 };
          },
          teardown: (ctx) => {
            log.push(`teardown ${ctx.k}`);
          },
        }),
        toArray(),
      ),
    );
    expect(out).toEqual([10, 20, 30]);
    expect(log).toEqual(['setup', 'teardown 10']);
  });

  it('sends project errors to error and drops late results after unsubscribe', async () => {
    await expect(
      lastValueFrom(
        from([1, 2, 3]).pipe(
          mapOrdered(async (v) => {
            if (v === 2) throw new Error('boom at 2');
            return v;
          }),
        ),
      ),
    ).rejects.toThrow('boom at 2');

    const src = new Subject<number>();
    const seen: number[] = [];
    let tornDown = 0;
    const sub = src
      .pipe(mapOrdered(async (v) => (await sleep(20), v), { setup: () => 1, teardown: () => void tornDown++ }))
      .subscribe((v) => seen.push(v));
    src.next(1);
    await sleep(1); // setup resolved
    sub.unsubscribe();
    expect(tornDown).toBe(1);
    await sleep(40);
    expect(seen).toEqual([]);
  });

  it('reports a setup failure even when the source completes at once', async () => {
    await expect(
      lastValueFrom(
        from([] as number[]).pipe(
          mapOrdered((v) => v, {
            setup: async () => {
              throw new Error('model missing');
            },
          }),
        ),
      ),
    ).rejects.toThrow('model missing');
  });

  it('validates concurrency', () => {
    expect(() => mapOrdered((v) => v, { concurrency: 0 })).toThrow(RangeError);
  });
});
