import path from 'node:path';
import { UsageError } from '../../shared/usage-error.js';

/** Where `facepipe run --live` writes. */
export interface LiveOutputs {
  /** The JSONL file, or `'-'` for stdout. */
  readonly jsonl: string;
  /** The fragmented annotated mp4 (`--annotate`). */
  readonly annotated?: string;
}

/** A file-name stem for a live input: `stdin` for `-`, else the URL's scheme, host, port and path (`tcp-127.0.0.1-5000`). */
export function liveStem(input: string): string {
  if (input === '-') return 'stdin';
  const stem = input
    .replace(/\?.*$/, '')
    .replace(/^([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?/i, '$1-') // drop user:password@
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+$/, '');
  return stem || 'live';
}

/**
 * The outputs of a live run: `--out -` is stdout, `--out name.jsonl` that file, any other `--out`
 * a folder holding `<stem>.jsonl` (see {@link liveStem}); the annotated video sits beside the
 * JSONL as `<stem>.annotated.mp4`.
 *
 * ## Example
 * ```ts
 * planLiveOutputs('tcp://127.0.0.1:5000', 'out', true);
 * // { jsonl: 'out/tcp-127.0.0.1-5000.jsonl', annotated: 'out/tcp-127.0.0.1-5000.annotated.mp4' }
 * ```
 * @throws {UsageError} for `--annotate` with `--out -` (the video needs a folder or file name).
 */
export function planLiveOutputs(input: string, out: string, annotate: boolean): LiveOutputs {
  if (out === '-') {
    if (annotate) throw new UsageError('--annotate needs a file or folder for the video: use --out <dir> or --out <file.jsonl> instead of --out -');
    return { jsonl: '-' };
  }
  const jsonl = out.endsWith('.jsonl') ? path.resolve(out) : path.resolve(out, `${liveStem(input)}.jsonl`);
  return annotate ? { jsonl, annotated: jsonl.replace(/\.jsonl$/, '.annotated.mp4') } : { jsonl };
}
