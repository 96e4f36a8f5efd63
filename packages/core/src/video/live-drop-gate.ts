/** When an item was sent and when it arrived (see {@link LiveDropGateOptions.timesOf}). */
export interface LiveItemTimes {
  /** When the item arrived here, ms on any monotonic clock. */
  readonly arrivalMs: number;
  /** The item's time in the source's own clock (a frame's presentation time), ms. */
  readonly sourceMs: number;
}

/** Options of {@link createLiveDropGate}. */
export interface LiveDropGateOptions<T> {
  /** At most this many items delivered and not yet released. */
  readonly maxInFlight: number;
  /** Hands an item downstream (counts as in flight until `release()`); may call back into the gate. */
  readonly deliver: (item: T) => void;
  /** An item that was replaced by a newer one before it could be delivered. */
  readonly drop?: (item: T) => void;
  /**
   * The arrival and source times of an item. With them, two items that arrive in a burst (the
   * later one less than half its source spacing after the earlier one, as when a pipe is read
   * late and two frames come out at once) are both kept: a second waiting slot, so a consumer
   * that keeps up on average loses nothing to arrival jitter. Without them, one slot.
   */
  readonly timesOf?: (item: T) => LiveItemTimes;
  /**
   * The clock of `arrivalMs` (with `timesOf`). When given, the older frame of a burst is handed on
   * only while it has waited less than one source interval; after that (a consumer that is
   * falling behind) it is dropped for the newer one, so a burst never adds a stale frame's latency.
   */
  readonly now?: () => number;
}

/** The `'latest'` drop policy of live `readFrames` (see {@link createLiveDropGate}). */
export interface LiveDropGate<T> {
  /** A new item: delivered at once below the limit, else it waits (dropping a stale waiting item). */
  offer(item: T): void;
  /** One delivered item was released; the oldest waiting item, if any, is delivered now. */
  release(): void;
  /** Whether an item waits for a release. */
  readonly waiting: boolean;
  /** Items delivered and not yet released. */
  readonly inFlight: number;
  /** Items dropped so far. */
  readonly dropped: number;
  /** Forget the waiting items; no more deliveries. */
  close(): void;
}

/**
 * Newest-wins hand-off between a source that does not wait (a camera, an RTSP feed) and a
 * consumer that may be slower (pure: no I/O, no timers).
 *
 * At most `maxInFlight` items are out at once. One more waits; an item that arrives while one is
 * waiting replaces it (which is dropped), so what is delivered next is the newest item and no
 * item waits longer than about one arrival interval plus one release. The one exception, with
 * `timesOf`: when the newcomer arrived within half a source interval of the waiting item (a
 * burst), both wait, and a third arrival drops the older; with `now`, the older is also dropped
 * at hand-off once it has waited a source interval. A consumer that is slower than the source
 * still gets only the newest frames; one that keeps up on average loses none to jitter.
 *
 * ## Example
 * ```ts
 * const out: number[] = [];
 * const gate = createLiveDropGate<number>({ maxInFlight: 1, deliver: (n) => out.push(n) });
 * gate.offer(1); gate.offer(2); gate.offer(3); // 1 delivered, 2 dropped, 3 waits
 * gate.release(); // out: [1, 3]; gate.dropped === 1
 * ```
 */
export function createLiveDropGate<T>(options: LiveDropGateOptions<T>): LiveDropGate<T> {
  const { maxInFlight, deliver, drop, timesOf, now } = options;
  let inFlight = 0;
  let dropped = 0;
  const queue: T[] = []; // waiting items, oldest first (at most 2, and 2 only for a burst)
  let closed = false;

  const send = (item: T): void => {
    inFlight++;
    deliver(item);
  };
  const dropOldest = (): void => {
    const old = queue.shift() as T;
    dropped++;
    drop?.(old);
  };
  /** Source-clock spacing from `a` to `b` (NaN or <= 0 when the times say nothing). */
  const spacing = (a: LiveItemTimes, b: LiveItemTimes): number => b.sourceMs - a.sourceMs;
  /** Whether `later` arrived within half a source interval of `earlier`. */
  const burst = (earlier: T, later: T): boolean => {
    if (!timesOf) return false;
    const a = timesOf(earlier), b = timesOf(later);
    const s = spacing(a, b);
    return Number.isFinite(s) && s > 0 && b.arrivalMs - a.arrivalMs < s / 2;
  };
  /** Whether `earlier` (of a burst with `later`) has waited a source interval or more by `nowMs`. */
  const stale = (times: (item: T) => LiveItemTimes, earlier: T, later: T, nowMs: number): boolean => {
    const a = times(earlier);
    return !(nowMs - a.arrivalMs < spacing(a, times(later)));
  };

  return {
    offer(item) {
      if (closed) return;
      if (inFlight < maxInFlight && queue.length === 0) {
        send(item);
        return;
      }
      if (queue.length === 2 || (queue.length === 1 && !burst(queue[0] as T, item))) dropOldest();
      queue.push(item);
    },
    release() {
      if (closed || inFlight === 0) return;
      inFlight--;
      if (queue.length === 0 || inFlight >= maxInFlight) return;
      if (queue.length === 2 && now && timesOf && stale(timesOf, queue[0] as T, queue[1] as T, now())) dropOldest();
      send(queue.shift() as T);
    },
    get waiting() {
      return queue.length > 0;
    },
    get inFlight() {
      return inFlight;
    },
    get dropped() {
      return dropped;
    },
    close() {
      closed = true;
      queue.length = 0;
    },
  };
}
