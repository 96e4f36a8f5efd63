import fs from 'node:fs';

/** Line-by-line JSONL output of a live run (see {@link createLiveJsonlWriter}). */
export interface LiveJsonlWriter {
  /** Write one record as one line, at once (a reader tailing the output sees it now). */
  write(record: unknown): void;
  /** Lines written so far. */
  readonly lines: number;
  /** Close the file (stdout is left open). Idempotent. */
  close(): void;
}

/**
 * Open the JSONL target of `facepipe run --live`: a file path (truncated) or a function that
 * writes to stdout. Every record goes out as one complete line in one synchronous write (for a
 * file `fs.writeSync`; Node writes to pipes and files synchronously on Linux), so a program that
 * tails the output never waits for a buffer to fill and never sees half a line of a record that
 * was reported as written.
 *
 * ## Example
 * ```ts
 * const w = createLiveJsonlWriter((s) => process.stdout.write(s)); // --out -
 * w.write({ frame: 0, latencyMs: 21.3 }); // '{"frame":0,"latencyMs":21.3}\n' is on stdout now
 * ```
 * @throws {Error} from `write` when the file cannot be written (e.g. the disk is full).
 */
export function createLiveJsonlWriter(target: string | ((text: string) => unknown)): LiveJsonlWriter {
  let fd = typeof target === 'string' ? fs.openSync(target, 'w') : undefined;
  const out = typeof target === 'string' ? undefined : target;
  let lines = 0;
  return {
    write(record) {
      const line = `${JSON.stringify(record)}\n`;
      if (out) out(line);
      else if (fd !== undefined) fs.writeSync(fd, line);
      else throw new Error('live JSONL writer is closed');
      lines++;
    },
    get lines() {
      return lines;
    },
    close() {
      if (fd === undefined) return;
      fs.closeSync(fd);
      fd = undefined;
    },
  };
}
