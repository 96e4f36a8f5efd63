import { Writable, type Readable } from 'node:stream';
import { Observable } from '../shared/rxjs.js';
import { assertInteger, assertNumber, assertObject, assertOneOf, assertString, expectedMessage } from '../shared/assert.js';
import { DecoderError } from '../shared/errors.js';
import { createFrame, type Frame } from '../tensor/frame.js';
import { buildDecodeArgs } from './build-decode-args.js';
import { createFrameSplitter } from './create-frame-splitter.js';
import { createShowinfoParser, type FrameMeta, type ShowinfoParser } from './create-showinfo-parser.js';
import { assertInputFile, probeVideoWith } from './probe-video.js';
import { createLiveDropGate, type LiveItemTimes } from './live-drop-gate.js';
import { liveFrames } from './live-frames.js';
import { arrivalClockMs } from './live-latency.js';
import { liveInputArgs } from './live-input-args.js';
import { resolveLiveOptions, type LiveDecodeHooks, type LiveOptions } from './live-options.js';
import { lendFrameData, type FrameLender } from './release-frame.js';
import { startFfmpeg, type FfmpegProcess } from './start-ffmpeg.js';

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
  /**
   * With `strict: false`: called once, just before the stream completes, with the error `strict: true`
   * would have raised, so a caller that keeps the decodable frames can still mark the input as damaged.
   */
  onDamage?: (error: DecoderError) => void;
  /**
   * With `release: 'manual'`: when `maxInFlight` frames have been waiting this long for a release
   * with none given back, warn once (`process.emitWarning`, code `FACEPIPE_FRAMES_NOT_RELEASED`):
   * a pipeline without `releaseFrames()` would otherwise stall silently with ffmpeg alive. 0 turns
   * the warning off. Default 5000 ms.
   */
  releaseWarningMs?: number;
  /** `Frame.sourceId` of the frames; defaults to `input`. */
  sourceId?: string;
  /**
   * Read a live source (`rtsp://`, `udp://`, `tcp://`, `http(s)://`, ... or `-` for stdin) in real
   * time: low-latency ffmpeg flags, no file checks or probe, `maxInFlight` defaults to 1 (a frame
   * is then at most one frame interval plus one pass through the pipeline old when its result
   * comes out; raise it to overlap stages at the cost of latency), `strict` to false, and while
   * `maxInFlight` frames are out the newest decoded frame waits in a one-frame slot and replaces
   * the one waiting there (drop policy `'latest'`; `'block'` keeps the file behaviour), except that
   * two frames arriving in a burst (less than half their presentation spacing apart) both wait. Optional
   * reconnect with backoff; every connection, reconnect and dropped frame is reported through
   * `onEvent`. See {@link LiveOptions}. `startMs` cannot be combined with it. Use
   * `release: 'manual'` when downstream is asynchronous (else RxJS queues frames and none drop).
   */
  live?: boolean | LiveOptions;
  /**
   * Reuse the pixel buffers of released frames for later frames (default `false`), so a steady
   * stream allocates no frame memory: at most `maxInFlight + 1` buffers per subscription (files only). Only for
   * consumers that do not read a frame's pixels after it is released (`'manual'`: after
   * {@link releaseFrame}; `'sync'`: after `next` returns), since its buffer is then overwritten.
   */
  reuseBuffers?: boolean;
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
  if (o.onDamage !== undefined && typeof o.onDamage !== 'function') throw new TypeError(expectedMessage('onDamage', 'a function', o.onDamage));
  if (o.releaseWarningMs !== undefined) assertInteger(o.releaseWarningMs, 'releaseWarningMs', 0);
  if (o.live !== undefined && o.live !== false) {
    const live = resolveLiveOptions(o.live);
    if (o.startMs !== undefined) throw new RangeError(expectedMessage('startMs', 'no value with `live` (a live stream cannot seek)', o.startMs));
    if (input === '-' && live.reconnect) throw new RangeError(expectedMessage('live.reconnect', 'off for stdin (`-` cannot be reopened)', o.live));
  }
}

/**
 * Decode the first video stream of a file into RGB24 {@link Frame}s, one per frame the stream really
 * holds, through an ffmpeg child process ({@link startFfmpeg}) writing raw video to a pipe.
 *
 * A thin Observable shell over pure parts: {@link buildDecodeArgs} (the command line),
 * {@link createShowinfoParser} (timestamps and sizes from stderr), {@link createFrameSplitter}
 * (bytes to frames, with the in-flight limit) and {@link startFfmpeg} (the child process).
 *
 * Design:
 * - **Exact frames.** ffmpeg runs with `-vsync passthrough` (`-vsync 0`; the bundled 2018 ffmpeg has
 *   no `-fps_mode`), so no frame is duplicated or dropped to fit a constant rate: the 10 s Hamilton
 *   clip gives the 275 frames its stream holds, not the 300 of ffmpeg's default CFR output. The byte
 *   stream is cut into frames by copying each pipe chunk straight into the current frame's own
 *   preallocated buffer (one copy per byte, no concatenation), whatever the chunking. ffmpeg's
 *   stdout is read directly (`data` events, no Writable in between); with `reuseBuffers` the
 *   frame buffers are pooled.
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
 *   pipe is no longer read: ffmpeg's stdout is paused with the rest of its chunk held (chunks that
 *   still arrive, e.g. when Node flushes a paused stdout at the child's exit, wait in order), the
 *   OS pipe fills and ffmpeg blocks. Memory stays at about `maxInFlight + 1` frames plus pipe
 *   buffers however slow the consumer. Bytes whose frame's showinfo line has not come yet are
 *   read on (up to 24 MB), so ffmpeg is not stalled while stderr catches up with stdout.
 * - **Teardown.** Unsubscribing SIGKILLs ffmpeg (also if it is still being started);
 *   {@link liveFfmpegCount} counts children until they exit.
 * - **Live sources** (`live`, see {@link LiveOptions}; live-*.ts): ffmpeg is read all the time and
 *   frames beyond `maxInFlight` go through a newest-wins slot (`createLiveDropGate`) instead of
 *   holding the pipe; each connection is one decode inside a loop with a stall watchdog and
 *   optional reconnect (`liveFrames`). Every frame (file or live) carries `arrivalMs`.
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
  // --- live sources (live-*.ts): a connection loop around decodeFrames with live hooks ---
  if (options.live !== undefined && options.live !== false) {
    const live = resolveLiveOptions(options.live);
    const ioTimeoutMs = 2 * Math.max(live.stallTimeoutMs, live.connectTimeoutMs);
    const args = liveInputArgs(input, live.stdin ?? process.stdin, live.listen, ioTimeoutMs);
    const gateMaxInFlight = live.drop === 'latest' ? (options.maxInFlight ?? 1) : undefined;
    return liveFrames(live, { input, ...args, gateMaxInFlight }, (hooks) => decodeFrames(input, options, hooks));
  }
  return decodeFrames(input, options);
}

/** Bytes read ahead of their frames' showinfo lines before the pipe is paused (about four 1080p frames). */
const MAX_UNANNOUNCED_BYTES = 24 << 20;

/** Arrival and presentation times of a frame, for the live gate's burst rule. */
const frameTimes = (f: Frame): LiveItemTimes => ({ arrivalMs: f.arrivalMs ?? NaN, sourceMs: f.timeMs });

/** One ffmpeg decode of `input` (a file, or one connection of a live source when `live` is given). */
function decodeFrames(input: string, options: ReadFramesOptions, live?: LiveDecodeHooks): Observable<Frame> {
  const maxInFlight = options.maxInFlight ?? (live ? 1 : 8);
  const manual = options.release === 'manual';
  const strict = options.strict ?? !live;
  const sourceId = options.sourceId ?? input;
  const releaseWarningMs = options.releaseWarningMs ?? 5000;

  return new Observable<Frame>((subscriber) => {
    let closed = false;
    let proc: FfmpegProcess | undefined;
    let sink: Writable | undefined;
    let stdout: Readable | undefined;
    let paused = false;
    let parser: ShowinfoParser | undefined;
    let ffmpegDone = false;
    let sinkFinished = false;
    let exitError: string | undefined;
    const abort = new AbortController(); // kills the ffprobe of a seek if unsubscribed meanwhile

    const fail = (err: unknown): void => {
      if (closed) return;
      closed = true;
      splitter.close();
      gate?.close();
      proc?.kill();
      subscriber.error(err);
    };

    // manual release: warn once when the in-flight limit has been reached and nothing comes back
    let stallTimer: NodeJS.Timeout | undefined;
    let warned = false;
    const watchStall = (): void => {
      if (!manual || warned || releaseWarningMs === 0 || stallTimer !== undefined || closed || !splitter.state().waitingForRelease) return;
      stallTimer = setTimeout(() => {
        stallTimer = undefined;
        if (closed || !splitter.state().waitingForRelease) return;
        warned = true;
        process.emitWarning(
          `readFrames(${input}): ${maxInFlight} frames emitted with release: 'manual' and none released for ${releaseWarningMs} ms; decoding is paused until releaseFrame()/releaseFrames() gives one back`,
          { code: 'FACEPIPE_FRAMES_NOT_RELEASED' },
        );
      }, releaseWarningMs);
      stallTimer.unref();
    };

    // live 'latest' policy: ffmpeg is always read; frames beyond maxInFlight wait in the gate's slot (two for a burst)
    const gate = live?.gateMaxInFlight !== undefined ? createLiveDropGate<Frame>({ maxInFlight: live.gateMaxInFlight, deliver: (f) => deliver(f), drop: live.onDrop, timesOf: frameTimes, now: arrivalClockMs }) : undefined;
    const released = (data?: Uint8Array): void => {
      if (!gate) splitter.release(data);
      else {
        gate.release();
        maybeFinish();
      }
    };
    const lender: FrameLender = {
      giveBack(data) {
        if (closed) return false;
        clearTimeout(stallTimer);
        stallTimer = undefined;
        released(data);
        return true;
      },
    };
    const deliver = (frame: Frame): void => {
      if (manual) {
        lendFrameData(frame.data, lender);
        subscriber.next(frame);
      } else {
        subscriber.next(frame);
        released(frame.data);
      }
    };

    const maybeFinish = (): void => {
      if (closed || !ffmpegDone || !sinkFinished) return;
      const state = splitter.state();
      if (state.waitingForRelease || gate?.waiting) return;
      const tail = parser!.tail.join('\n');
      let problem: DecoderError | undefined;
      if (state.pendingBytes > 0) problem = new DecoderError('ffmpeg wrote more bytes than its showinfo lines announced', input, tail);
      else if (state.partial) problem = new DecoderError(`ffmpeg output ended inside a frame (${state.partial.filled} of ${state.partial.size} bytes)`, input, tail);
      else if (exitError !== undefined) problem = new DecoderError(`ffmpeg could not decode the video (${exitError})`, input, parser!.errorLines.length > 0 ? parser!.errorLines.join('\n') : tail);
      else if (parser!.errorLines.length > 0) {
        const damage = new DecoderError('ffmpeg reported errors while decoding (truncated or corrupt input?)', input, parser!.errorLines.join('\n'));
        if (strict) problem = damage;
        else options.onDamage?.(damage);
      }
      closed = true;
      clearTimeout(stallTimer);
      splitter.close();
      gate?.close();
      if (problem) subscriber.error(problem);
      else subscriber.complete();
    };

    const splitter = createFrameSplitter<FrameMeta>({
      maxInFlight: gate ? Infinity : maxInFlight,
      // a frame in the live gate (or downstream of it) still owns its pixels: no reuse behind a gate
      reuseBuffers: !gate && (options.reuseBuffers ?? false),
      emit(data, m) {
        const index = m.index + (live?.indexOffset ?? 0);
        const frame = createFrame({ data, width: m.width, height: m.height, index, timeMs: m.timeMs, sourceId, arrivalMs: arrivalClockMs() });
        live?.onArrival(frame);
        if (!gate) deliver(frame);
        else {
          gate.offer(frame);
          splitter.release(); // the splitter never holds frames back: the gate decides
        }
      },
      idle() {
        watchStall();
        maybeFinish();
      },
    });

    const start = async (): Promise<void> => {
      if (!live) await assertInputFile(input);
      // The probe is only needed to place a seek's first frame on the frame grid (index).
      const info = options.startMs !== undefined && !live ? await probeVideoWith(input, { signal: abort.signal, maxPackets: 64 }) : undefined;
      if (closed) return;
      const args = buildDecodeArgs(options);
      const lines = createShowinfoParser({ input, allTag: args.allTag, outTag: args.outTag, grid: info && { originMs: info.startMs, fps: info.fps } });
      parser = lines;
      // stdout is read directly (onStdout): this sink only satisfies fluent-ffmpeg's pipe and never gets a byte
      sink = new Writable({ write: (_data, _encoding, callback) => callback() });
      sink.on('error', () => undefined);
      const resume = (): void => {
        if (paused) {
          paused = false;
          stdout?.resume();
        }
      };
      const onData = (data: Buffer): void => {
        let consumed = false;
        splitter.write(data, () => {
          consumed = true;
          resume();
        });
        if (consumed || paused || closed) return;
        // Not all of it fitted. Held back by the in-flight limit: stop reading until it is consumed
        // (backpressure). Only waiting for its frame's showinfo line (stderr often lags stdout by a
        // moment): read on, up to a bound, since pausing there stalled ffmpeg on almost every frame.
        const state = splitter.state();
        if (state.waitingForRelease || state.pendingBytes > MAX_UNANNOUNCED_BYTES) {
          paused = true;
          stdout?.pause();
        }
      };
      proc = startFfmpeg({
        inputs: [{ source: live?.source ?? input, options: [...args.inputOptions, ...(live?.inputOptions ?? [])] }],
        outputOptions: args.outputOptions,
        output: sink,
        onStdout(out) {
          stdout = out;
          out.on('data', onData);
          out.on('error', () => undefined);
          out.once('end', () => {
            sinkFinished = true;
            maybeFinish();
          });
          out.resume();
        },
        onStderrLine(line) {
          if (closed) return;
          try {
            const m = lines.push(line);
            if (m) splitter.announce(m);
          } catch (err) {
            fail(err);
          }
        },
        onDone(failure) {
          if (closed) return;
          if (failure && !failure.started) {
            fail(new DecoderError('Could not start ffmpeg', input, failure.cause.message, { cause: failure.cause }));
            return;
          }
          ffmpegDone = true;
          if (failure) exitError = failure.reason;
          maybeFinish();
        },
      });
    };

    start().catch(fail);

    return () => {
      closed = true;
      clearTimeout(stallTimer);
      abort.abort();
      proc?.kill();
      stdout?.destroy();
      sink?.destroy();
      splitter.close();
      gate?.close();
    };
  });
}
