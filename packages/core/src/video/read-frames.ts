import type { ChildProcess } from 'node:child_process';
import { Writable, type Readable } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';
import { Observable } from 'rxjs';
import { assertInteger, assertNumber, assertObject, assertOneOf, assertString, expectedMessage } from '../shared/assert.js';
import { DecoderError } from '../shared/errors.js';
import { createFrame, type Frame } from '../tensor/frame.js';
import { trackFfmpegChild } from './ffmpeg-children.js';
import { assertInputFile, probeVideo } from './probe-video.js';
import { lendFrameData, type FrameLender } from './release-frame.js';
import { resolveFfmpeg } from './resolve-ffmpeg.js';
import type { VideoInfo } from './video-info.js';

/** Options of {@link readFrames}. */
export interface ReadFramesOptions {
  /**
   * Output width in pixels, scaled by ffmpeg (bicubic). Given alone, the height follows the
   * display aspect ratio; with `height` too the frame is squashed to exactly `width x height`.
   */
  width?: number;
  /** Output height in pixels (see `width`). */
  height?: number;
  /**
   * Keep at most `fps` frames per second of video time: the first decoded frame of every `1/fps`
   * second slot (slots on the absolute timestamp clock). Frames are only dropped, never duplicated,
   * so a 29.97 fps clip read with `fps: 60` gives every frame once.
   */
  fps?: number;
  /** Keep decoded frame `i` when `i % every === 0` (i counted from the first decoded frame). Default 1. */
  every?: number;
  /** Skip frames whose timestamp is before `startMs` (same clock as `Frame.timeMs`; ffmpeg seeks first). */
  startMs?: number;
  /** Stop before the frame at `start + durationMs`, where start is `startMs` or the first frame's timestamp. */
  durationMs?: number;
  /**
   * At most this many frames emitted and not yet released; while at the limit ffmpeg's stdout is
   * not read, so ffmpeg blocks on its pipe and nothing buffers up. Default 8.
   */
  maxInFlight?: number;
  /**
   * `'sync'` (default): a frame counts as released when the subscriber's `next` returns, which is
   * enough for synchronous consumers. `'manual'`: a frame stays in flight until
   * {@link releaseFrame}/{@link releaseFrames} is called for it; use it when downstream is
   * asynchronous (`concatMap` over inference), where RxJS would otherwise queue frames unboundedly.
   */
  release?: 'sync' | 'manual';
  /**
   * `true` (default): if ffmpeg reported an error (a truncated or corrupt stream) the frames it could
   * decode are emitted and then the stream errors with a {@link DecoderError}. `false`: such a stream
   * just completes after the decodable frames. A non-zero ffmpeg exit is an error either way.
   */
  strict?: boolean;
  /** `Frame.sourceId` of the frames; defaults to `input`. */
  sourceId?: string;
  /**
   * Reuse the pixel buffers of released frames for later frames (default `false`), so a steady
   * stream allocates no frame memory: at most `maxInFlight + 1` buffers per subscription. Only for
   * consumers that do not read a frame's pixels after it is released (`'manual'`: after
   * {@link releaseFrame}; `'sync'`: after `next` returns), since its buffer is then overwritten.
   */
  reuseBuffers?: boolean;
}

interface Showinfo {
  /** Frame count at this showinfo instance. */
  n: number;
  /** Integer pts, NaN for NOPTS. */
  pts: number;
}

interface FrameMeta {
  index: number;
  timeMs: number;
  width: number;
  height: number;
}

/** `[Parsed_showinfo_3 @ 0x...] [info] n:  12 pts:  10214 pts_time:0.852 pos: 1 fmt:rgb24 sar:1/1 s:640x360 ...` */
const SHOWINFO_FRAME = /^\[Parsed_showinfo_(\d+) @ [^\]]*\] (?:\[info\] )?n:\s*(\d+)\s+pts:\s*(-?\d+|NOPTS)/;
const SHOWINFO_SIZE = / s:(\d+)x(\d+) /;
/** `[Parsed_showinfo_0 @ 0x...] [info] config in time_base: 1/11988, frame_rate: 2997/100` */
const SHOWINFO_TIMEBASE = /^\[Parsed_showinfo_(\d+) @ [^\]]*\] (?:\[info\] )?config in time_base:\s*(\d+)\/(\d+)/;
const ERROR_LINE = /\[(?:error|fatal|panic)\]/;

function seconds(ms: number): string {
  return (ms / 1000).toFixed(6);
}

function validate(input: unknown, options: unknown): void {
  assertString(input, 'input');
  assertObject(options, 'options');
  const o = options as ReadFramesOptions;
  if (o.width !== undefined) assertInteger(o.width, 'width', 1, 16384);
  if (o.height !== undefined) assertInteger(o.height, 'height', 1, 16384);
  if (o.fps !== undefined) {
    assertNumber(o.fps, 'fps');
    if (o.fps <= 0) throw new RangeError(expectedMessage('fps', 'a number > 0', o.fps));
  }
  if (o.every !== undefined) assertInteger(o.every, 'every', 1);
  if (o.startMs !== undefined) {
    assertNumber(o.startMs, 'startMs');
    if (o.startMs < 0) throw new RangeError(expectedMessage('startMs', 'a number >= 0', o.startMs));
  }
  if (o.durationMs !== undefined) {
    assertNumber(o.durationMs, 'durationMs');
    if (o.durationMs <= 0) throw new RangeError(expectedMessage('durationMs', 'a number > 0', o.durationMs));
  }
  if (o.maxInFlight !== undefined) assertInteger(o.maxInFlight, 'maxInFlight', 1);
  if (o.release !== undefined) assertOneOf(o.release, 'release', ['sync', 'manual']);
  if (o.strict !== undefined && typeof o.strict !== 'boolean') throw new TypeError(expectedMessage('strict', 'a boolean', o.strict));
  if (o.sourceId !== undefined) assertString(o.sourceId, 'sourceId');
  if (o.reuseBuffers !== undefined && typeof o.reuseBuffers !== 'boolean') throw new TypeError(expectedMessage('reuseBuffers', 'a boolean', o.reuseBuffers));
}

/**
 * Decode the first video stream of a file into RGB24 {@link Frame}s, one per frame the stream really
 * holds, through an ffmpeg child process (fluent-ffmpeg) writing raw video to a pipe.
 *
 * Design:
 * - **Exact frames.** ffmpeg runs with `-vsync passthrough` (`-vsync 0`; the bundled 2018 ffmpeg has
 *   no `-fps_mode`), so no frame is duplicated or dropped to fit a constant rate: the 10 s Hamilton
 *   clip gives the 275 frames its stream holds, not the 300 of ffmpeg's default CFR output. The byte
 *   stream is cut into frames by copying each pipe chunk straight into the current frame's own
 *   preallocated buffer (one copy per byte, no concatenation), whatever the chunking. ffmpeg's
 *   stdout is read directly (`data` events, paused for backpressure), with no Writable in between;
 *   with `reuseBuffers` the frame buffers are pooled.
 * - **Real timestamps.** `-copyts` keeps the container's clock and a `showinfo=checksum=0` filter
 *   logs every frame's integer pts and the time base on stderr (costs ~nothing); `timeMs` is
 *   `pts * time_base` in ms, identical to ffprobe's `pts_time`. A frame is emitted only once both its
 *   bytes and its timestamp line have arrived.
 * - **Sampling without inventing frames.** `every` and `fps` become an ffmpeg `select` expression, so
 *   the dropped frames never cross the pipe; a second showinfo after it maps survivors back to their
 *   decoded index. `startMs`/`durationMs` seek (`-ss`, half a second early) and `trim` exactly on the
 *   absolute clock. With `startMs`, `index` is estimated as `round((t - start) * fps)` from the probe
 *   (exact for constant-rate streams); otherwise it is the decoded-order index.
 * - **Size.** The output size is always passed to ffmpeg's `scale` explicitly (display size after
 *   ffmpeg's auto-rotation unless `width`/`height` say otherwise), so the frame size is known
 *   before the first byte.
 * - **Backpressure.** In-flight = emitted and not yet released (see `release`). At `maxInFlight` the
 *   pipe is no longer read: ffmpeg's stdout is paused with the unconsumed rest of its chunk held,
 *   the OS pipe fills and ffmpeg blocks. Memory stays at about `maxInFlight + 1` frames plus pipe
 *   buffers however slow the consumer.
 * - **Teardown.** Unsubscribing SIGKILLs ffmpeg (also if it is still being started);
 *   {@link liveFfmpegCount} counts children until they exit.
 * - **Bad input.** Missing/empty path: {@link DecoderError} before anything is spawned. Not a media
 *   file, or an mp4 cut before its `moov` index: DecoderError with ffprobe's message (the stream is
 *   probed first). An mp4 cut after its index (faststart) decodes partially: the decodable frames are
 *   emitted, then a DecoderError carrying ffmpeg's error lines (or a plain completion with
 *   `strict: false`).
 *
 * ## Example
 * ```ts
 * readFrames('../shared/data/video/short_hamilton_clip.mp4', { width: 320, every: 10 })
 *   .subscribe((f) => console.log(f.index, f.timeMs.toFixed(1), f.width, f.height));
 * // 0 852.0 320 180
 * // 10 1185.7 320 180 ...
 * ```
 * @param input video file path (or a URL ffmpeg can open).
 * @throws {TypeError|RangeError} synchronously, for invalid options.
 * @throws {DecoderError} (as an error notification) for missing/corrupt/truncated input, with the path
 *   and the tail of ffmpeg's stderr.
 * @throws {FfmpegNotFoundError} (as an error notification) when no ffmpeg/ffprobe is found.
 */
export function readFrames(input: string, options: ReadFramesOptions = {}): Observable<Frame> {
  validate(input, options);
  const maxInFlight = options.maxInFlight ?? 8;
  const manual = options.release === 'manual';
  const strict = options.strict ?? true;
  const sourceId = options.sourceId ?? input;
  const reuse = options.reuseBuffers ?? false;

  return new Observable<Frame>((subscriber) => {
    let closed = false;
    let child: ChildProcess | undefined;
    let stdout: Readable | undefined;
    let paused = false;
    /** Released frame buffers waiting to be filled again (`reuseBuffers`). */
    const free: Uint8Array[] = [];
    const abort = new AbortController(); // kills the ffprobe of a seek if unsubscribed meanwhile

    // Byte splitter state: the frame being filled (its size is that of meta[0]), and the pipe chunk
    // not yet consumed.
    let current: Uint8Array | undefined;
    let fill = 0;
    let chunk: Buffer | undefined;
    let chunkOffset = 0;
    /** Chunks that arrived while one was still pending. */
    const queued: Buffer[] = [];
    let sinkFinished = false;

    // Timestamps from stderr.
    const timeBase = new Map<number, number>(); // showinfo instance -> seconds per pts unit
    let allTag = -1; // showinfo instance before select, every decoded frame (-1 when not sampling)
    let outTag = -1; // last filter of the chain: the frames that reach the pipe, at output size
    const decoded: Showinfo[] = []; // decoded-frame records not yet matched (sampling only)
    const meta: FrameMeta[] = []; // frames on their way through the pipe, in order
    let indexOffset: number | undefined;
    let info: VideoInfo | undefined;

    // Process state.
    let ffmpegDone = false;
    let exitError: string | undefined;
    const errorLines: string[] = [];
    const stderrTail: string[] = [];

    let inFlight = 0;
    let pumping = false;
    let again = false;

    const recycle = (data: Uint8Array): void => {
      if (reuse && free.length <= maxInFlight) free.push(data);
    };

    const lender: FrameLender = {
      giveBack(data) {
        if (closed) return false;
        inFlight--;
        recycle(data);
        pump();
        return true;
      },
    };

    const fail = (err: unknown): void => {
      if (closed) return;
      closed = true;
      kill();
      subscriber.error(err);
    };

    const kill = (): void => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };

    const indexOf = (n: number, pts: number, tag: number): number => {
      if (indexOffset === undefined) {
        // With a seek, n restarts at 0: place the first frame on the probe's frame grid.
        const tb = timeBase.get(tag) ?? 0;
        indexOffset = options.startMs !== undefined && info && info.fps > 0 ? Math.max(0, Math.round((pts * tb - info.startMs / 1000) * info.fps)) - n : 0;
      }
      return n + indexOffset;
    };

    const onStderr = (line: string): void => {
      const m = SHOWINFO_FRAME.exec(line);
      if (m) {
        const tag = Number(m[1]);
        const n = Number(m[2]);
        const pts = m[3] === 'NOPTS' ? NaN : Number(m[3]);
        if (tag === allTag) {
          decoded.push({ n, pts });
        } else if (tag === outTag) {
          const size = SHOWINFO_SIZE.exec(line);
          if (!size) {
            fail(new DecoderError('Unreadable ffmpeg showinfo line', input, line));
            return;
          }
          let index = n;
          if (allTag >= 0) {
            // Match the survivor with its decoded record (same stream, same order).
            let rec = decoded.shift();
            while (rec && !(rec.pts === pts || (Number.isNaN(pts) && Number.isNaN(rec.pts)))) rec = decoded.shift();
            index = rec ? rec.n : -1;
          }
          meta.push({ index: indexOf(index, pts, tag), timeMs: pts * (timeBase.get(tag) ?? NaN) * 1000, width: Number(size[1]), height: Number(size[2]) });
          pump();
        }
        return;
      }
      const tb = SHOWINFO_TIMEBASE.exec(line);
      if (tb) {
        timeBase.set(Number(tb[1]), Number(tb[2]) / Number(tb[3]));
        return;
      }
      stderrTail.push(line);
      if (stderrTail.length > 15) stderrTail.shift();
      if (ERROR_LINE.test(line)) {
        errorLines.push(line);
        if (errorLines.length > 15) errorLines.shift();
      }
    };

    const emit = (data: Uint8Array, m: FrameMeta): void => {
      const frame = createFrame({ data, width: m.width, height: m.height, index: m.index, timeMs: m.timeMs, sourceId });
      inFlight++;
      if (manual) {
        lendFrameData(data, lender);
        subscriber.next(frame);
      } else {
        subscriber.next(frame);
        inFlight--;
        recycle(data);
      }
    };

    // Move bytes from the pending chunk into frames and frames to the subscriber, as far as the
    // in-flight limit and the timestamps allow. Re-entrant calls (a release or a new chunk arriving
    // from inside subscriber.next) just ask the running loop to go round again.
    const pump = (): void => {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        do {
          again = false;
          for (;;) {
            if (closed) return;
            if (current !== undefined && fill === current.length) {
              if (inFlight >= maxInFlight) break;
              const data = current;
              current = undefined;
              fill = 0;
              emit(data, meta.shift()!);
              continue;
            }
            if (chunk !== undefined) {
              if (current === undefined) {
                // The next frame's size comes with its showinfo line; wait for it.
                if (meta.length === 0) break;
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
                chunk = queued.shift();
                chunkOffset = 0;
                if (chunk === undefined && paused) {
                  paused = false;
                  stdout?.resume(); // the next chunk arrives from a later tick
                }
              }
              continue;
            }
            break;
          }
        } while (again);
      } finally {
        pumping = false;
      }
      maybeFinish();
    };

    const maybeFinish = (): void => {
      if (closed || !ffmpegDone || !sinkFinished) return;
      if (current !== undefined && fill === current.length) return; // waiting for a release
      let problem: DecoderError | undefined;
      if (chunk !== undefined) {
        problem = new DecoderError('ffmpeg wrote more bytes than its showinfo lines announced', input, stderrTail.join('\n'));
      } else if (current !== undefined) {
        problem = new DecoderError(`ffmpeg output ended inside a frame (${fill} of ${current.length} bytes)`, input, stderrTail.join('\n'));
      } else if (exitError !== undefined) {
        problem = new DecoderError(`ffmpeg could not decode the video (${exitError})`, input, stderrTail.join('\n'));
      } else if (strict && errorLines.length > 0) {
        problem = new DecoderError('ffmpeg reported errors while decoding (truncated or corrupt input?)', input, errorLines.join('\n'));
      }
      closed = true;
      if (problem) subscriber.error(problem);
      else subscriber.complete();
    };

    const start = async (): Promise<void> => {
      await assertInputFile(input);
      // The probe is only needed to place a seek's first frame on the frame grid (index).
      if (options.startMs !== undefined) info = await probeVideo(input, { signal: abort.signal });
      if (closed) return;
      const ffmpegPath = resolveFfmpeg();

      const filters: string[] = [];
      const inputOptions = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'level+info', '-copyts'];
      if (options.startMs !== undefined || options.durationMs !== undefined) {
        const trim: string[] = [];
        if (options.startMs !== undefined) {
          // Seek a little early (to the keyframe before), then cut exactly on the absolute clock.
          if (options.startMs > 500) inputOptions.push('-ss', seconds(options.startMs - 500), '-noaccurate_seek');
          trim.push(`start=${seconds(options.startMs)}`);
          if (options.durationMs !== undefined) trim.push(`end=${seconds(options.startMs + options.durationMs)}`);
        } else if (options.durationMs !== undefined) {
          // trim's duration counts from the first frame's timestamp.
          trim.push(`duration=${seconds(options.durationMs)}`);
        }
        filters.push(`trim=${trim.join(':')}`);
      }
      const select: string[] = [];
      if (options.every !== undefined && options.every > 1) select.push(`not(mod(n,${options.every}))`);
      if (options.fps !== undefined) {
        const f = options.fps;
        select.push(`if(isnan(prev_selected_t),1,gte(floor(t*${f})-floor(prev_selected_t*${f}),1))`);
      }
      if (select.length > 0) {
        allTag = filters.length;
        filters.push('showinfo=checksum=0');
        filters.push(`select='${select.join('*')}'`);
      }
      if (options.width !== undefined || options.height !== undefined) {
        // -2 would round to even; -1 keeps the aspect as closely as a whole pixel allows.
        filters.push(`scale=${options.width ?? -1}:${options.height ?? -1}`);
      }
      outTag = filters.length;
      filters.push('showinfo=checksum=0');

      const onData = (data: Buffer): void => {
        if (chunk !== undefined) {
          // Node resumes a paused stdout when the child exits (flushStdio): keep order, consume later
          queued.push(data);
          return;
        }
        chunk = data;
        chunkOffset = 0;
        pump();
        // not all of it fitted (in-flight limit): hold the rest and stop reading until pump resumes
        if (chunk !== undefined && !closed && !paused) {
          paused = true;
          stdout?.pause();
        }
      };

      // Output target fluent-ffmpeg requires for a pipe; it never receives a byte (see 'start').
      const placeholder = new Writable({ write: (_data, _encoding, callback) => callback() });
      placeholder.on('error', () => undefined);

      const cmd = ffmpeg({ stdoutLines: 20 })
        .setFfmpegPath(ffmpegPath)
        .input(input)
        .inputOptions(inputOptions)
        .outputOptions(['-map', '0:v:0', '-an', '-sn', '-dn', '-vsync', '0', '-vf', filters.join(','), '-pix_fmt', 'rgb24', '-f', 'rawvideo'])
        .output(placeholder);
      cmd.on('start', () => {
        child = (cmd as unknown as { ffmpegProc?: ChildProcess }).ffmpegProc;
        if (child) trackFfmpegChild(child);
        if (closed) {
          kill();
          return;
        }
        // fluent-ffmpeg pipes stdout into the placeholder right after 'start': undo that before any
        // I/O callback runs and read the pipe directly (a string output would make fluent-ffmpeg
        // buffer every stdout chunk as text)
        queueMicrotask(() => {
          stdout = child?.stdout ?? undefined;
          if (closed || !stdout) return;
          stdout.unpipe(placeholder);
          stdout.on('data', onData);
          stdout.on('error', () => undefined);
          stdout.once('end', () => {
            sinkFinished = true;
            pump();
          });
          stdout.resume();
        });
      });
      cmd.on('stderr', onStderr);
      cmd.on('error', (err: Error) => {
        if (closed) return;
        if (!child) {
          fail(new DecoderError('Could not start ffmpeg', input, err.message, { cause: err }));
          return;
        }
        ffmpegDone = true;
        exitError = err.message.split('\n')[0]!.replace(/:.*$/, '');
        pump();
      });
      cmd.on('end', () => {
        ffmpegDone = true;
        pump();
      });
      cmd.run();
    };

    start().catch(fail);

    return () => {
      closed = true;
      abort.abort();
      kill();
      stdout?.destroy();
      current = undefined;
      free.length = 0;
      chunk = undefined;
      queued.length = 0;
      meta.length = 0;
      decoded.length = 0;
    };
  });
}
