import { EmptyError, Observable, Subscription, isObservable, take, type OperatorFunction } from '../shared/rxjs.js';
import { assertInteger } from '../shared/assert.js';

/** Options of {@link mapOrdered}. */
export interface MapOrderedOptions<C> {
  /** Calls of `project` in flight at once (default 1). Output order is source order whatever this is. */
  readonly concurrency?: number;
  /**
   * Runs once per subscription, at subscribe time (e.g. load a model while the decoder starts). Its
   * result is passed to every `project` call and to `teardown`. A setup failure is an error
   * notification, even for an empty source: completion waits for setup to settle.
   */
  readonly setup?: () => Promise<C> | C;
  /** Runs once when the subscription ends (complete, error or unsubscribe) if `setup` ran. */
  readonly teardown?: (context: C) => Promise<void> | void;
}

/**
 * RxJS operator: map each value through an async `project` with at most `concurrency` calls in
 * flight, and emit the results in **source order** (a slow value holds back the later ones; values
 * arriving while the limit is reached wait in a queue). `project` may return a value, a Promise or
 * an Observable (its first value is the result; it is unsubscribed on teardown). Without `setup`,
 * `project` is called synchronously when a slot is free, so Observable projects run entirely on
 * their own scheduler (e.g. a TestScheduler's virtual time). This is the inference pattern of every
 * facepipe stage: with an N-worker pool, N frames are in inference while output stays ordered.
 *
 * Per-subscription state lives in the closure; `project` errors go to `error`; after unsubscribe,
 * late results are dropped and `teardown` releases what `setup` made (synchronously when it has
 * already resolved, so leak counters are right as soon as `unsubscribe()` returns).
 *
 * ## Example
 * ```ts
 * frames$.pipe(
 *   mapOrdered((frame, model) => model.detect(frame), {
 *     concurrency: 2,
 *     setup: () => FaceDetector.create({ workers: 2 }),
 *     teardown: (model) => model.dispose(),
 *   }),
 * );
 * ```
 * @throws {RangeError} synchronously when `concurrency` is not an integer in [1, 256].
 */
export function mapOrdered<A, B, C = undefined>(project: (value: A, context: C) => Promise<B> | Observable<B> | B, options: MapOrderedOptions<C> = {}): OperatorFunction<A, B> {
  const concurrency = options.concurrency ?? 1;
  assertInteger(concurrency, 'concurrency', 1, 256);
  const { setup, teardown } = options;
  return (source) =>
    new Observable<B>((sub) => {
      let closed = false;
      let sourceDone = false;
      let active = 0;
      let nextIn = 0;
      let nextOut = 0;
      const queue: { i: number; v: A }[] = [];
      const done = new Map<number, B>();
      let contextPromise: Promise<C> | undefined;
      let contextValue: { c: C } | undefined;
      let settled = !setup;

      const context = (): Promise<C> =>
        (contextPromise ??= Promise.resolve()
          .then(() => (setup ? setup() : (undefined as C)))
          .then(
            (c) => {
              contextValue = { c };
              settled = true;
              if (closed && teardown) void Promise.resolve(teardown(c)).catch(() => undefined);
              else flush();
              return c;
            },
            (err: unknown) => {
              settled = true;
              fail(err);
              throw err;
            },
          ));
      const fail = (err: unknown): void => {
        if (closed) return;
        closed = true;
        sub.error(err);
      };
      const flush = (): void => {
        while (!closed && done.has(nextOut)) {
          const v = done.get(nextOut)!;
          done.delete(nextOut);
          nextOut++;
          sub.next(v);
        }
        if (!closed && settled && sourceDone && active === 0 && queue.length === 0 && nextOut === nextIn) {
          closed = true;
          sub.complete();
        }
      };
      const inners = new Subscription(); // Observable results still in flight
      const accept = (i: number, r: B): void => {
        active--;
        if (closed) return;
        done.set(i, r);
        flush();
        pump();
      };
      const reject = (err: unknown): void => {
        active--;
        fail(err);
      };
      const settle = (i: number, result: Promise<B> | Observable<B> | B): void => {
        if (!isObservable(result)) {
          Promise.resolve(result).then((r) => accept(i, r), reject);
          return;
        }
        let got = false;
        inners.add(
          result.pipe(take(1)).subscribe({
            next: (r) => {
              got = true;
              accept(i, r);
            },
            error: reject,
            complete: () => {
              if (!got) reject(new EmptyError());
            },
          }),
        );
      };
      const pump = (): void => {
        while (!closed && active < concurrency && queue.length > 0) {
          const { i, v } = queue.shift()!;
          active++;
          if (!setup) {
            let result: Promise<B> | Observable<B> | B;
            try {
              result = project(v, undefined as C);
            } catch (err) {
              reject(err);
              continue;
            }
            settle(i, result);
          } else {
            context()
              .then((c) => settle(i, project(v, c)))
              .catch(reject);
          }
        }
      };
      if (setup) context().catch(() => undefined); // failure already sent to `error`
      const subscription = source.subscribe({
        next: (v) => {
          if (closed) return;
          queue.push({ i: nextIn++, v });
          pump();
        },
        error: fail,
        complete: () => {
          sourceDone = true;
          flush();
        },
      });
      return () => {
        closed = true;
        subscription.unsubscribe();
        inners.unsubscribe();
        queue.length = 0;
        done.clear();
        if (teardown && contextValue) void Promise.resolve(teardown(contextValue.c)).catch(() => undefined);
      };
    });
}
