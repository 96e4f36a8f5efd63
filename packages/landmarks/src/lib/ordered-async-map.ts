import { Observable, type OperatorFunction } from 'rxjs';

/**
 * Internal: map each value through an async `project` with at most `concurrency` calls in flight,
 * emitting results in SOURCE order (a slow item holds back later ones). Values arriving while the
 * limit is reached wait in a queue. Errors from `project` go to the subscriber; after unsubscribe,
 * late results are dropped. `setup` runs once per subscription (e.g. to load a model) and its
 * `teardown` runs on unsubscribe, error or completion.
 * @internal
 */
export function orderedAsyncMap<A, B, C>(
  setup: () => Promise<C>,
  project: (value: A, ctx: C) => Promise<B> | B,
  concurrency: number,
  teardown: (ctx: C) => Promise<void> | void,
): OperatorFunction<A, B> {
  return (source) =>
    new Observable<B>((sub) => {
      let closed = false;
      let sourceDone = false;
      let active = 0;
      let nextIn = 0;
      let nextOut = 0;
      const queue: { i: number; v: A }[] = [];
      const done = new Map<number, B>();
      let ctxPromise: Promise<C> | undefined;
      let ctxValue: { c: C } | undefined;

      const ctx = (): Promise<C> =>
        (ctxPromise ??= setup().then((c) => {
          ctxValue = { c };
          return c;
        }));
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
        if (!closed && sourceDone && active === 0 && queue.length === 0 && nextOut === nextIn) {
          closed = true;
          sub.complete();
        }
      };
      const pump = (): void => {
        while (!closed && active < concurrency && queue.length > 0) {
          const { i, v } = queue.shift()!;
          active++;
          ctx()
            .then((c) => project(v, c))
            .then(
              (r) => {
                active--;
                if (closed) return;
                done.set(i, r);
                flush();
                pump();
              },
              (err: unknown) => {
                active--;
                fail(err);
              },
            );
        }
      };
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
        queue.length = 0;
        // release synchronously when the context is loaded (so leak counters are right on return), else once it loads
        if (ctxValue) Promise.resolve(teardown(ctxValue.c)).catch(() => undefined);
        else if (ctxPromise) ctxPromise.then((c) => teardown(c)).catch(() => undefined);
      };
    });
}
