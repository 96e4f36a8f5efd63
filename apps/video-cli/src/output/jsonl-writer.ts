import fs from 'node:fs';
import { OutputWriteError } from './output-write-error.js';

/**
 * Appends JSON lines to a file with one buffered stream. `write` is synchronous for the caller
 * (lines are queued in order); `close` flushes and resolves when the data is on disk.
 *
 * ## Example
 * ```ts
 * const w = createJsonlWriter('out.jsonl.partial-1');
 * w.write({ frame: 0 });
 * await w.close();
 * ```
 * @throws {OutputWriteError} from `write`/`close` when the file could not be written (naming it).
 */
export interface JsonlWriter {
  write(record: unknown): void;
  /** Lines written so far. */
  readonly lines: number;
  close(): Promise<void>;
  /**
   * Close without flushing (used on abort). Resolves once the file descriptor is closed, so a file
   * still being opened cannot reappear after the caller removed it.
   */
  destroy(): Promise<void>;
}

/**
 * Open `file` for writing JSON lines (truncates). `name` is the path errors report (the final
 * output's, when `file` is its temporary name); default `file`.
 */
export function createJsonlWriter(file: string, name = file): JsonlWriter {
  const stream = fs.createWriteStream(file, { flags: 'w' });
  let error: Error | undefined;
  stream.on('error', (err) => {
    error = new OutputWriteError(name, err);
  });
  let lines = 0;
  return {
    write(record) {
      if (error) throw error;
      stream.write(`${JSON.stringify(record)}\n`);
      lines++;
    },
    get lines() {
      return lines;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        if (error) {
          reject(error);
          return;
        }
        // an error can come after end()'s callback would have run: wait for 'finish' or 'error'
        stream.once('error', () => reject(error));
        stream.once('finish', () => {
          if (error) {
            reject(error);
            return;
          }
          // make the bytes durable before the rename that marks the file complete
          try {
            const fd = fs.openSync(file, 'r');
            fs.fsyncSync(fd);
            fs.closeSync(fd);
          } catch {
            /* best effort */
          }
          resolve();
        });
        stream.end();
      });
    },
    destroy() {
      return new Promise<void>((resolve) => {
        if (stream.closed) {
          resolve();
          return;
        }
        stream.once('close', () => resolve());
        stream.destroy();
      });
    },
  };
}
