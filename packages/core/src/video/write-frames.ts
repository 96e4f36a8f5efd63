import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { Observable, type OperatorFunction } from '../shared/rxjs.js';
import { assertInRange, assertNumber, assertObject, assertOneOf, assertString, expectedMessage } from '../shared/assert.js';
import { EncoderError } from '../shared/errors.js';
import type { Frame } from '../tensor/frame.js';
import { rawVideoMkvFrameHeader, rawVideoMkvHeader } from './raw-video-mkv.js';
import { resolveFfmpeg } from './resolve-ffmpeg.js';
import { startFfmpeg, type FfmpegProcess } from './start-ffmpeg.js';

/** Options of {@link writeFrames}. */
export interface WriteFramesOptions {
  /**
   * Nominal frame rate: with `timing: 'fps'` every frame lasts `1/fps` s; with `timing: 'frames'`
   * it is the last frame's duration and the step used for a frame without a usable `timeMs`.
   */
  fps: number;
  /**
   * `'frames'` (default): each frame is shown at its own `timeMs`, so a variable-rate or sampled
   * (`fps`/`every`) source keeps its timing; a frame whose `timeMs` is not finite or not after the
   * previous frame's is placed `1/fps` after it. Without `audioFrom` the video starts at the first
   * frame's time; with it, video and audio stay on the source's clock (in sync). `'fps'`: constant
   * rate, frame i at `i / fps`.
   */
  timing?: 'frames' | 'fps';
  /**
   * Add the first audio stream of this file (AAC re-encode). The audio is padded with silence or
   * cut to the video's length: the video always keeps every frame.
   */
  audioFrom?: string;
  /** x264 constant rate factor, 0 (lossless) to 51. Default 23. */
  crf?: number;
  /** x264 preset. Default `'veryfast'`. */
  preset?: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium' | 'slow' | 'slower' | 'veryslow';
  /**
   * Write a fragmented mp4 (`frag_keyframe+empty_moov+default_base_moof`, a keyframe every second,
   * x264 `zerolatency` so frames are not held in the encoder's lookahead)
   * instead of `+faststart`: playable while it is being written and after a kill, up to the last
   * complete fragment. For live streams. Default false.
   */
  fragmented?: boolean;
}

const PRESETS = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow'] as const;

/**
 * Operator that encodes the RGB24 frames going through it to an H.264 mp4 file with ffmpeg
 * (libx264, yuv420p, `+faststart`), and passes every frame on unchanged.
 *
 * - ffmpeg starts on the first frame (its size fixes the video size; every later frame must have
 *   the same size). Odd widths/heights are padded by one black column on the right / row at the
 *   bottom to the even size yuv420p needs (a 641x361 frame gives a 642x362 video whose pixel
 *   (x, y) is the frame's (x, y)).
 * - Timing (`timing: 'frames'`, the default): frames reach ffmpeg in a minimal Matroska stream
 *   ({@link rawVideoMkvHeader}) that carries each frame's `timeMs`, so the mp4 has exactly the
 *   frames written, at their own times. With `audioFrom`, the audio is re-encoded to AAC, padded
 *   with silence (`apad`) and ended with the video (`-shortest`), so audio that ends early never
 *   cuts the video short.
 * - Frames are written to ffmpeg's stdin in order. When stdin's buffer is full (`write()` returned
 *   false) later frames wait in a queue until `drain`, and a frame is passed downstream only once
 *   its bytes were handed to the pipe: with `readFrames(..., { release: 'manual' })` and
 *   `releaseFrames()` after this operator, the decoder never runs more than `maxInFlight` frames
 *   ahead of the encoder.
 * - The output completes after the source completes AND ffmpeg has exited successfully (the file is
 *   complete then). An empty source writes nothing and completes.
 * - Unsubscribing or a source error kills ffmpeg (the partial file is left as it is).
 *
 * ## Example
 * ```ts
 * await lastValueFrom(
 *   readFrames('in.mp4', { every: 2 }).pipe(
 *     map(drawFaces),
 *     writeFrames('out.mp4', { fps: 29.97 / 2, audioFrom: 'in.mp4' }),
 *     count(),
 *   ),
 * ); // 138, and out.mp4 holds 138 frames
 * ```
 * @param outputPath the mp4 file to (over)write.
 * @throws {TypeError|RangeError} synchronously, for invalid options.
 * @throws {EncoderError} (as an error notification) when ffmpeg fails, naming the path with the
 *   tail of ffmpeg's stderr, or when a frame's size differs from the first frame's.
 * @throws {FfmpegNotFoundError} (as an error notification) when no ffmpeg is found.
 */
export function writeFrames(outputPath: string, options: WriteFramesOptions): OperatorFunction<Frame, Frame> {
  assertString(outputPath, 'outputPath');
  assertObject(options, 'options');
  assertNumber(options.fps, 'fps');
  if (options.fps <= 0) throw new RangeError(expectedMessage('fps', 'a number > 0', options.fps));
  if (options.audioFrom !== undefined) assertString(options.audioFrom, 'audioFrom');
  if (options.crf !== undefined) assertInRange(options.crf, 'crf', 0, 51);
  if (options.preset !== undefined) assertOneOf(options.preset, 'preset', PRESETS);
  if (options.timing !== undefined) assertOneOf(options.timing, 'timing', ['frames', 'fps']);
  if (options.fragmented !== undefined && typeof options.fragmented !== 'boolean') throw new TypeError(expectedMessage('fragmented', 'a boolean', options.fragmented));
  const { fps, audioFrom } = options;
  const ownTimes = (options.timing ?? 'frames') === 'frames';

  return (source) =>
    new Observable<Frame>((subscriber) => {
      let closed = false;
      let proc: FfmpegProcess | undefined;
      let stdin: PassThrough | undefined;
      let width = 0;
      let height = 0;
      let waitingDrain = false;
      let sourceDone = false;
      let originMs: number | undefined;
      let lastTick = -1;
      const queue: Frame[] = [];

      /**
       * Presentation time of `frame` in µs on the output clock (see `timing`), on the 1/fps grid the
       * encoder's time base has: one tick per grid step, never two frames on one tick.
       */
      const timeUs = (frame: Frame): number => {
        const t = frame.timeMs;
        if (originMs === undefined) originMs = audioFrom === undefined && Number.isFinite(t) ? t : 0;
        let tick = Number.isFinite(t) ? Math.round(((t - originMs) * fps) / 1000) : -1;
        if (tick <= lastTick) tick = lastTick + 1;
        lastTick = tick;
        return Math.round((tick * 1e6) / fps);
      };

      const kill = (): void => proc?.kill();
      const fail = (err: unknown): void => {
        if (closed) return;
        closed = true;
        kill();
        subscriber.error(err);
      };

      const flush = (): void => {
        while (!closed && !waitingDrain && queue.length > 0) {
          const frame = queue.shift()!;
          if (ownTimes) stdin!.write(rawVideoMkvFrameHeader(timeUs(frame), frame.data.byteLength));
          const ok = stdin!.write(Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength));
          subscriber.next(frame);
          if (!ok) {
            waitingDrain = true;
            stdin!.once('drain', () => {
              waitingDrain = false;
              flush();
            });
          }
        }
        if (!closed && sourceDone && queue.length === 0 && stdin && !stdin.writableEnded) stdin.end();
      };

      const start = (first: Frame): void => {
        width = first.width;
        height = first.height;
        const ffmpegPath = resolveFfmpeg(); // FfmpegNotFoundError before anything else
        if (audioFrom !== undefined && !/^[a-z][a-z0-9+.-]+:\/\//i.test(audioFrom) && !fs.existsSync(audioFrom)) {
          throw new EncoderError(`audioFrom file not found (${audioFrom})`, outputPath);
        }
        stdin = new PassThrough({ highWaterMark: width * height * 3 });
        const rawInput = ['-hide_banner', '-nostats', '-loglevel', 'error'];
        if (ownTimes) {
          rawInput.push('-f', 'matroska');
          if (audioFrom !== undefined) rawInput.push('-copyts'); // both inputs on the source's clock
          stdin.write(rawVideoMkvHeader(width, height, fps));
        } else rawInput.push('-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', String(fps));
        const out = ['-map', '0:v:0'];
        // passthrough keeps each frame's time; -r makes the encoder's time base 1/fps, so every frame
        // (the last one too) has a duration (a finer time base leaves the last one without); no
        // B-frames: with reordering the mp4's edit list ends at the last decode time, which cuts off
        // a last frame that follows a long gap
        if (ownTimes) out.push('-vsync', '0', '-r', String(fps), '-bf', '0');
        // apad makes the audio endless and -shortest ends it with the video: never a video frame lost
        if (audioFrom !== undefined) out.push('-map', '1:a:0?', '-af', 'apad', '-c:a', 'aac', '-b:a', '160k', '-shortest');
        if (width % 2 !== 0 || height % 2 !== 0) out.push('-vf', 'pad=ceil(iw/2)*2:ceil(ih/2)*2');
        out.push('-c:v', 'libx264', '-preset', options.preset ?? 'veryfast', '-crf', String(options.crf ?? 23), '-pix_fmt', 'yuv420p');
        if (options.fragmented) out.push('-tune', 'zerolatency', '-g', String(Math.max(1, Math.round(fps))), '-movflags', '+frag_keyframe+empty_moov+default_base_moof');
        else out.push('-movflags', '+faststart');
        out.push('-f', 'mp4', '-y');
        proc = startFfmpeg({
          ffmpegPath,
          inputs: [{ source: stdin, options: rawInput }, ...(audioFrom !== undefined ? [{ source: audioFrom }] : [])],
          outputOptions: out,
          output: outputPath,
          onDone(failure) {
            if (failure) {
              fail(new EncoderError(`ffmpeg could not encode the video (${failure.reason})`, outputPath, failure.stderr, { cause: failure.cause }));
              return;
            }
            if (closed) return;
            if (!sourceDone) {
              fail(new EncoderError('ffmpeg exited before the last frame', outputPath));
              return;
            }
            closed = true;
            subscriber.complete();
          },
        });
      };

      const subscription = source.subscribe({
        next(frame) {
          if (closed) return;
          try {
            if (!stdin) start(frame);
            else if (frame.width !== width || frame.height !== height) {
              throw new EncoderError(`frame ${frame.index} is ${frame.width}x${frame.height}, the video is ${width}x${height}`, outputPath);
            }
          } catch (err) {
            fail(err);
            return;
          }
          queue.push(frame);
          flush();
        },
        error: fail,
        complete() {
          sourceDone = true;
          if (!stdin) {
            closed = true;
            subscriber.complete();
            return;
          }
          flush();
        },
      });

      return () => {
        closed = true;
        subscription.unsubscribe();
        kill();
        stdin?.destroy();
        queue.length = 0;
      };
    });
}
