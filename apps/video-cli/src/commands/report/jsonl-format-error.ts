import { FacepipeError } from '@facepipe/core';

/**
 * A `<stem>.jsonl` file does not follow the frame-record contract (see `facepipe run --help`).
 *
 * ## Example
 * ```ts
 * throw new JsonlFormatError('out/clip.jsonl', 3, 'a JSON object with a numeric `frame`', '"oops"');
 * // JsonlFormatError: out/clip.jsonl line 3: expected a JSON object with a numeric `frame`, got "oops"
 * ```
 */
export class JsonlFormatError extends FacepipeError {
  constructor(
    /** The JSONL file. */
    readonly file: string,
    /** 1-based line number. */
    readonly line: number,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${file} line ${line}: expected ${expected}, got ${actual}`);
  }
}
