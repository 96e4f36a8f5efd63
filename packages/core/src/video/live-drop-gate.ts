/** Options of {@link createLiveDropGate}. */
export interface LiveDropGateOptions<T> {
  /** At most this many items delivered and not yet released. */
  readonly maxInFlight: number;
  /** Hands an item downstream (counts as in flight until `release()`); may call back into the gate. */
  readonly deliver: (item: T) => void;
  /** An item that was replaced by a newer one before it could be delivered. */
  readonly drop?: (item: T) => void;
}

/** The `'latest'` drop policy of live `readFrames` (see {@link createLiveDropGate}). */
export interface LiveDropGate<T> {
  /** A new item: delivered at once below the limit, else it takes the waiting slot (dropping the item there). */
  offer(item: T): void;
  /** One delivered item was released; the waiting item, if any, is delivered now. */
  release(): void;
  /** Whether an item waits for a release. */
  readonly waiting: boolean;
  /** Items delivered and not yet released. */
  readonly inFlight: number;
  /** Items dropped so far. */
  readonly dropped: number;
  /** Forget the waiting item; no more deliveries. */
  close(): void;
}

/**
 * Newest-wins hand-off between a source that does not wait (a camera, an RTSP feed) and a
 * consumer that may be slower (pure: no I/O, no timers).
 *
 * At most `maxInFlight` items are out at once and at most one more waits; an item that arrives
 * while one is waiting replaces it, so what is delivered next is always the newest item, and an
 * item is never older than one arrival interval plus one release when it is delivered.
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
  const { maxInFlight, deliver, drop } = options;
  let inFlight = 0;
  let dropped = 0;
  let slot: T | undefined; // the waiting item (valid while `waiting`)
  let waiting = false;
  let closed = false;

  const send = (item: T): void => {
    inFlight++;
    deliver(item);
  };

  return {
    offer(item) {
      if (closed) return;
      if (inFlight < maxInFlight) {
        send(item);
        return;
      }
      const old = slot;
      const hadOne = waiting;
      slot = item;
      waiting = true;
      if (hadOne) {
        dropped++;
        drop?.(old as T);
      }
    },
    release() {
      if (closed || inFlight === 0) return;
      inFlight--;
      if (waiting && inFlight < maxInFlight) {
        const item = slot as T;
        slot = undefined;
        waiting = false;
        send(item);
      }
    },
    get waiting() {
      return waiting;
    },
    get inFlight() {
      return inFlight;
    },
    get dropped() {
      return dropped;
    },
    close() {
      closed = true;
      slot = undefined;
      waiting = false;
    },
  };
}
