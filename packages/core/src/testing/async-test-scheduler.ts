import { firstValueFrom, timer } from 'rxjs';
import { TestScheduler, type RunHelpers } from 'rxjs/testing';

/** Let every pending Promise continuation run (the microtask queue drains before `setImmediate` fires). */
function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A `TestScheduler` whose {@link AsyncTestScheduler.runAsync | runAsync} works like `run` (same
 * marble syntax, `cold`/`hot`/`expectObservable`/`expectSubscriptions`, frames of 1 ms) but lets
 * Promise continuations run between virtual-time actions, in virtual time: a Promise resolved by
 * an action at frame 5 (e.g. `firstValueFrom(timer(5, scheduler))` inside a fake model) has its
 * `then`/`await` continuation run before frame 6, with the clock still at 5. Plain `run` flushes
 * all of virtual time synchronously, so anything behind an `await` lands after the test has been
 * asserted; use this for operators built on async functions (facepipe's inference operators).
 *
 * Test support only (not exported from the package barrel). Timers must be virtual: pass the
 * scheduler itself (`timer(n, scheduler)`) or use `cold`/`hot`; `run`'s timeout delegates are not
 * installed while the async flush runs. Marbles created during the flush (not in `callback`) are
 * parsed with 1-frame characters but without run mode's extras (spaces, `10ms` time progression).
 *
 * ## Example
 * ```ts
 * const ts = new AsyncTestScheduler((a, b) => expect(a).toEqual(b));
 * await ts.runAsync(({ cold, expectObservable }) => {
 *   const later = async (v: string) => (await ts.sleep(2), v.toUpperCase());
 *   expectObservable(cold('a|').pipe(concatMap(later))).toBe('--(A|)');
 * });
 * ```
 */
export class AsyncTestScheduler extends TestScheduler {
  #deferFlush = false;

  /**
   * A Promise that resolves `frames` virtual frames from now: the latency of a fake model.
   * @param frames virtual milliseconds (frames) to wait; 0 resolves within the current frame.
   */
  sleep(frames: number): Promise<void> {
    return firstValueFrom(timer(frames, this)).then(() => undefined);
  }

  /** Flushes synchronously as usual, except while {@link runAsync} sets up its test. */
  override flush(): void {
    if (!this.#deferFlush) super.flush();
  }

  /**
   * Run `callback` in run mode (marbles parsed with 1-frame characters), then play virtual time
   * action by action, draining microtasks after each, and finally check every `expectObservable`
   * and `expectSubscriptions` made in `callback` with the scheduler's `assertDeepEqual`.
   * @returns what `callback` returned.
   */
  async runAsync<T>(callback: (helpers: RunHelpers) => T): Promise<T> {
    this.#deferFlush = true;
    let result: T;
    try {
      result = this.run(callback);
    } finally {
      this.#deferFlush = false;
    }
    await this.#flushAsync();
    return result;
  }

  async #flushAsync(): Promise<void> {
    // Marbles created while time plays (e.g. a `cold` returned by a project) keep 1-frame characters.
    const frameTimeFactor = TestScheduler.frameTimeFactor;
    TestScheduler.frameTimeFactor = 1;
    this.maxFrames = Infinity;
    try {
      while (this.hotObservables.length > 0) this.hotObservables.shift()!.setup();
      await drainMicrotasks();
      for (let action = this.actions.shift(); action; action = this.actions.shift()) {
        this.frame = action.delay;
        const error = action.execute(action.state, action.delay);
        if (error) {
          for (let rest = this.actions.shift(); rest; rest = this.actions.shift()) rest.unsubscribe();
          throw error;
        }
        await drainMicrotasks();
      }
      // TestScheduler.flush with nothing left to play: asserts the ready expectations.
      super.flush();
    } finally {
      TestScheduler.frameTimeFactor = frameTimeFactor;
    }
  }
}
