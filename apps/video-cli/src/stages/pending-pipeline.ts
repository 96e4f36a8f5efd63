import type { Frame } from '@facepipe/core';
import { Observable, Subject, type OperatorFunction, type Subscription } from '../shared/rxjs.js';
import type { FrameMask, StagePipeline } from './stage-pipeline.js';

/**
 * Operator that subscribes to its source at once and holds the values until `ready` gives the
 * operator to apply, then feeds them through it in order (and everything after them). A source that
 * ends while held ends the output after the held values; `ready` rejecting is an error notification;
 * unsubscribing before `ready` unsubscribes the source.
 */
function holdUntil<T, R>(ready: Promise<OperatorFunction<T, R>>): OperatorFunction<T, R> {
  return (source) =>
    new Observable<R>((subscriber) => {
      const held: T[] = [];
      let end: { readonly error: unknown } | 'complete' | undefined;
      let feed: Subject<T> | undefined;
      let closed = false;
      let downstream: Subscription | undefined;
      const upstream = source.subscribe({
        next: (v) => (feed ? feed.next(v) : held.push(v)),
        error: (error: unknown) => (feed ? feed.error(error) : (end = { error })),
        complete: () => (feed ? feed.complete() : (end = 'complete')),
      });
      ready.then(
        (op) => {
          if (closed) return;
          const f = new Subject<T>();
          downstream = f.pipe(op).subscribe(subscriber);
          // values the source sends while the held ones are fed are held too, so the order stays
          while (held.length > 0 && !closed) f.next(held.shift()!);
          feed = f;
          if (end === 'complete') f.complete();
          else if (end) f.error(end.error);
        },
        (err: unknown) => {
          if (!closed) subscriber.error(err);
        },
      );
      return () => {
        closed = true;
        upstream.unsubscribe();
        downstream?.unsubscribe();
      };
    });
}

/**
 * A {@link StagePipeline} usable while its models are still opening: `operator()` subscribes to the
 * frames at once, so the input is decoding while the models load (start-up: the first frame is
 * ready when the sessions are, instead of the decoder starting only then), and holds them until
 * `opening` resolves; the decoder's own in-flight limit (`readFrames` `maxInFlight`) bounds how many
 * wait. If `opening` rejects, the operator errors with that error. `mask` and `sessions` are the
 * opened pipeline's (frames only come out once it is open); `dispose` waits for the opening.
 *
 * ## Example
 * ```ts
 * const opening = createStagePipeline(options);
 * const first = pendingPipeline(opening, options.stages);
 * await processInput(file, plan, settings, first, progress); // decoding starts now
 * ```
 */
export function pendingPipeline(opening: Promise<StagePipeline>, stages: readonly string[]): StagePipeline {
  let open: StagePipeline | undefined;
  opening.then(
    (p) => (open = p),
    () => undefined,
  );
  const opened = (): StagePipeline => {
    if (!open) throw new Error('Expected the stage pipeline to be open before its frames come out, found it still opening');
    return open;
  };
  return {
    stages,
    get sessions() {
      return opened().sessions;
    },
    operator: (kind) => holdUntil(opening.then((p) => p.operator(kind))),
    mask: (frame: Frame): FrameMask | undefined => opened().mask(frame),
    dispose: async () => (await opening).dispose(),
  };
}
