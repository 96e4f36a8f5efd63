import type { ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';
import { trackFfmpegChild } from './ffmpeg-children.js';
import { resolveFfmpeg } from './resolve-ffmpeg.js';

/** One ffmpeg input: a path/URL or a readable stream, with the options that go before its `-i`. */
export interface FfmpegInput {
  readonly source: string | Readable;
  readonly options?: readonly string[];
}

/** Why an ffmpeg run failed (see {@link StartFfmpegOptions.onDone}). */
export interface FfmpegFailure {
  /** false when the process could not even be spawned. */
  readonly started: boolean;
  /** Short reason: the first line of fluent-ffmpeg's message up to its first colon (`ffmpeg exited with code 1`). */
  readonly reason: string;
  /** The tail of ffmpeg's stderr (up to 20 lines), or the error message when there is none. */
  readonly stderr: string;
  readonly cause: Error;
}

/** Options of {@link startFfmpeg}. */
export interface StartFfmpegOptions {
  /** The ffmpeg executable (default: `resolveFfmpeg()`). */
  readonly ffmpegPath?: string;
  readonly inputs: readonly FfmpegInput[];
  readonly outputOptions: readonly string[];
  /** Output file path, or a stream that receives ffmpeg's stdout. */
  readonly output: string | Writable;
  /**
   * Read ffmpeg's stdout yourself instead of through `output` (which must then be a stream):
   * fluent-ffmpeg's pipe into `output` is undone before any data can flow, and the paused stdout
   * is handed here (no Writable in between; resume it to start reading).
   */
  readonly onStdout?: (stdout: Readable) => void;
  /** Each stderr line as it arrives. */
  readonly onStderrLine?: (line: string) => void;
  /** Called once when ffmpeg ends: without an argument for a clean exit, with the failure otherwise. Never called after `kill()`. */
  readonly onDone: (failure?: FfmpegFailure) => void;
}

/** A running ffmpeg started by {@link startFfmpeg}. */
export interface FfmpegProcess {
  /** SIGKILL ffmpeg (at once, or as soon as it has been spawned) and silence `onDone`. Idempotent. */
  kill(): void;
  /** The child process, once spawned. */
  readonly child: ChildProcess | undefined;
}

/**
 * The one place facepipe spawns ffmpeg (through fluent-ffmpeg): resolves the binary, counts the
 * child in `liveFfmpegCount` from spawn to exit, swallows EPIPE on its stdin (a dying ffmpeg is
 * reported by its exit), and turns kill/exit/spawn failure into one `onDone` call. Shared by
 * `readFrames` and `writeFrames`.
 *
 * ## Example
 * ```ts
 * const proc = startFfmpeg({
 *   inputs: [{ source: 'in.mp4' }],
 *   outputOptions: ['-frames:v', '1', '-f', 'image2', '-y'],
 *   output: 'first.png',
 *   onDone: (failure) => console.log(failure ? failure.reason : 'ok'),
 * });
 * // later, to abandon it: proc.kill();
 * ```
 * @throws {FfmpegNotFoundError} synchronously when no ffmpeg binary can be found.
 */
export function startFfmpeg(options: StartFfmpegOptions): FfmpegProcess {
  const ffmpegPath = options.ffmpegPath ?? resolveFfmpeg();
  let child: ChildProcess | undefined;
  let killed = false;
  let done = false;
  const killChild = (): void => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const finish = (failure?: FfmpegFailure): void => {
    if (killed || done) return;
    done = true;
    options.onDone(failure);
  };

  const cmd = ffmpeg({ stdoutLines: 20 }).setFfmpegPath(ffmpegPath);
  // Before the first command of a process fluent-ffmpeg runs `ffmpeg -formats` and `ffmpeg -encoders`
  // (~20 ms of start-up): its capability check compares `-f` values with them, and a later step adds
  // `-strict experimental` after its own `-vcodec`/`-acodec` flags, which facepipe never uses (codecs
  // are `-c:v`/`-c:a` output options). ffmpeg itself rejects an unknown format or encoder, with a
  // clearer message (failure.stderr). fluent-ffmpeg is archived, so these hooks stay as they are.
  const hooks = cmd as unknown as { _checkCapabilities(cb: (err?: Error) => void): void; availableEncoders(cb: (err: Error | null, encoders: object) => void): void };
  hooks._checkCapabilities = (cb) => cb();
  hooks.availableEncoders = (cb) => cb(null, {});
  for (const input of options.inputs) {
    cmd.input(input.source);
    if (input.options && input.options.length > 0) cmd.inputOptions([...input.options]);
  }
  cmd.outputOptions([...options.outputOptions]).output(options.output);
  cmd.on('start', () => {
    child = (cmd as unknown as { ffmpegProc?: ChildProcess }).ffmpegProc;
    if (child) {
      trackFfmpegChild(child);
      child.stdin?.on('error', () => undefined); // EPIPE when ffmpeg dies: reported by its exit
    }
    if (killed) {
      killChild();
      return;
    }
    const take = options.onStdout;
    const target = options.output;
    if (take && typeof target !== 'string') {
      // fluent-ffmpeg pipes stdout into the output right after 'start': undo it before any I/O callback runs
      queueMicrotask(() => {
        const out = child?.stdout;
        if (killed || !out) return;
        out.unpipe(target);
        out.pause();
        take(out);
      });
    }
  });
  if (options.onStderrLine) {
    const onLine = options.onStderrLine;
    cmd.on('stderr', (line: string) => {
      if (!killed) onLine(line);
    });
  }
  cmd.on('error', (err: Error, _stdout: string | null, stderr: string | null) => {
    finish({ started: child !== undefined, reason: err.message.split('\n')[0]!.replace(/:.*$/, ''), stderr: (stderr ?? '').trim() || err.message, cause: err });
  });
  cmd.on('end', () => finish());
  cmd.run();

  return {
    kill() {
      killed = true;
      killChild();
    },
    get child() {
      return child;
    },
  };
}
