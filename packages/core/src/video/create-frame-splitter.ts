/** Options of {@link createFrameSplitter}. */
export interface FrameSplitterOptions<M extends { readonly width: number; readonly height: number }> {
  /** At most this many frames emitted and not yet {@link FrameSplitter.release | released}. */
  readonly maxInFlight: number;
  /**
   * Receives each complete frame (its own buffer of `width * height * 3` bytes) with its metadata.
   * Counts as in flight until `release()`; may call back into the splitter synchronously.
   */
  readonly emit: (data: Uint8Array, meta: M) => void;
  /** Called whenever the splitter has done all it can for now (end of each outermost pump). */
  readonly idle?: () => void;
  /**
   * Refill the buffers handed back with `release(data)` instead of allocating one per frame
   * (at most `maxInFlight + 1` are kept). Default false.
   */
  readonly reuseBuffers?: boolean;
}

/** Where the byte stream stands, for end-of-stream checks. */
export interface SplitterState {
  /** A complete frame is held back because `maxInFlight` frames are out. */
  readonly waitingForRelease: boolean;
  /** Bytes of a chunk not yet placed in a frame (no announced frame to put them in). */
  readonly pendingBytes: number;
  /** A frame only partly filled: its filled and total byte counts. */
  readonly partial: { readonly filled: number; readonly size: number } | undefined;
}

/** Cuts a raw RGB24 byte stream into frames (see {@link createFrameSplitter}). */
export interface FrameSplitter<M> {
  /** A frame is on its way: its bytes are the next `width * height * 3` of the stream. */
  announce(meta: M): void;
  /**
   * A pipe chunk. `done` is called once every byte of it has been copied into a frame: hold the
   * pipe (e.g. a Writable's write callback) until then and the producer blocks while the consumer is at the limit.
   * A chunk written while an earlier one is still pending waits behind it (in order).
   */
  write(chunk: Uint8Array, done: () => void): void;
  /** One emitted frame was given back; with `reuseBuffers`, pass its buffer to have it refilled. */
  release(data?: Uint8Array): void;
  /** Drop everything; no more emits or `done` calls. */
  close(): void;
  /** Current state (see {@link SplitterState}). */
  state(): SplitterState;
}

/**
 * Byte-to-frame splitter with backpressure for `readFrames` (pure: no I/O, no timers).
 *
 * Each chunk is copied straight into the current frame's own preallocated buffer (one copy per
 * byte, whatever the chunking); a frame's size comes with its announcement, so bytes wait until
 * their frame is announced. A complete frame is emitted only while fewer than `maxInFlight` are
 * out; until then the chunk is not consumed and its `done` is held back, which is what stops the
 * producer. Re-entrant calls (a release or a new chunk arriving from inside `emit` or `done`) just
 * make the running loop go round again.
 *
 * ## Example
 * ```ts
 * const s = createFrameSplitter<{ width: number; height: number }>({ maxInFlight: 1, emit: (d) => frames.push(d) });
 * s.announce({ width: 1, height: 1 });
 * s.write(Uint8Array.of(1, 2), () => undefined);
 * s.write(Uint8Array.of(3), () => undefined); // frames: [Uint8Array [1, 2, 3]]
 * ```
 */
export function createFrameSplitter<M extends { readonly width: number; readonly height: number }>(options: FrameSplitterOptions<M>): FrameSplitter<M> {
  const { maxInFlight, emit, idle } = options;
  const reuse = options.reuseBuffers ?? false;
  const free: Uint8Array[] = []; // released frame buffers waiting to be refilled (reuseBuffers)
  const queued: { chunk: Uint8Array; done: () => void }[] = []; // chunks written while one was pending
  const meta: M[] = []; // announced frames whose bytes have not all arrived, in order
  let current: Uint8Array | undefined; // the frame being filled (its size is that of meta[0])
  let fill = 0;
  let chunk: Uint8Array | undefined; // the pipe chunk not yet consumed
  let chunkOffset = 0;
  let chunkDone: (() => void) | undefined;
  let inFlight = 0;
  let closed = false;
  let pumping = false;
  let again = false;

  const step = (): boolean => {
    if (current !== undefined && fill === current.length) {
      if (inFlight >= maxInFlight) return false;
      const data = current;
      current = undefined;
      fill = 0;
      inFlight++;
      emit(data, meta.shift()!);
      return true;
    }
    if (chunk === undefined) return false;
    if (current === undefined) {
      // The next frame's size comes with its announcement; wait for it.
      if (meta.length === 0) return false;
      const size = meta[0]!.width * meta[0]!.height * 3;
      const k = free.findIndex((b) => b.length === size);
      if (k >= 0) current = free.splice(k, 1)[0]!;
      else {
        const buf = Buffer.allocUnsafeSlow(size);
        current = new Uint8Array(buf.buffer, buf.byteOffset, size);
      }
    }
    const n = Math.min(current.length - fill, chunk.length - chunkOffset);
    current.set(chunk.subarray(chunkOffset, chunkOffset + n), fill);
    fill += n;
    chunkOffset += n;
    if (chunkOffset === chunk.length) {
      const done = chunkDone!;
      const next = queued.shift();
      chunk = next?.chunk;
      chunkOffset = 0;
      chunkDone = next?.done;
      done(); // may synchronously hand in the next chunk (re-entrant pump)
    }
    return true;
  };

  const pump = (): void => {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        while (!closed && step());
      } while (again && !closed);
    } finally {
      pumping = false;
    }
    if (!closed) idle?.();
  };

  return {
    announce(m) {
      if (closed) return;
      meta.push(m);
      pump();
    },
    write(data, done) {
      if (closed) return;
      if (chunk !== undefined) {
        queued.push({ chunk: data, done });
        return;
      }
      chunk = data;
      chunkOffset = 0;
      chunkDone = done;
      pump();
    },
    release(data) {
      if (closed) return;
      inFlight--;
      if (reuse && data && free.length <= maxInFlight) free.push(data);
      pump();
    },
    close() {
      closed = true;
      free.length = 0;
      queued.length = 0;
      current = undefined;
      chunk = undefined;
      chunkDone = undefined;
      meta.length = 0;
    },
    state() {
      return {
        waitingForRelease: current !== undefined && fill === current.length,
        pendingBytes: (chunk === undefined ? 0 : chunk.length - chunkOffset) + queued.reduce((n, q) => n + q.chunk.length, 0),
        partial: current !== undefined && fill < current.length ? { filled: fill, size: current.length } : undefined,
      };
    },
  };
}
