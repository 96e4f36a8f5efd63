import fs from 'node:fs';
import { Writable } from 'node:stream';
import { DecoderError } from '../shared/errors.js';
import { assertString } from '../shared/assert.js';
import { createPacketTally, packetTiming, parseInputDescription, parseMappedVideo, pickRate, type DescribedStream, type InputDescription, type PacketTally } from './parse-ffmpeg-probe.js';
import { startFfmpeg } from './start-ffmpeg.js';
import type { VideoInfo } from './video-info.js';

/** Whether `input` is a URL ffmpeg opens itself (no file-system checks then). */
export function isUrl(input: string): boolean {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(input);
}

/**
 * Fail fast, without spawning anything, when `input` is a path that is missing, not a file or empty
 * (internal, shared with readFrames).
 */
export async function assertInputFile(input: string): Promise<void> {
  if (isUrl(input)) return;
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(input);
  } catch (err) {
    throw new DecoderError('Video file not found', input, (err as Error).message, { cause: err });
  }
  if (!stat.isFile()) throw new DecoderError('Video path is not a file', input);
  if (stat.size === 0) throw new DecoderError('Video file is empty (0 bytes)', input);
}

/** Last `lines` non-empty lines of `text`. */
export function tail(text: string, lines = 12): string {
  return text.split(/\r?\n|\r/).filter((l) => l.trim() !== '').slice(-lines).join('\n');
}

/** Lines of ffmpeg's stderr that say what went wrong (not its description of the input or output). */
function errorLines(stderr: string): string {
  const kept = stderr.split(/\r?\n|\r/).filter((l) => l.trim() !== '' && !/^(\s|Input #|Output #|Stream mapping:|frame=|size=|video:)/.test(l));
  return tail(kept.join('\n'));
}

/** What one probe run saw (internal, exported for the specs). */
export interface ProbeOutput {
  readonly description: InputDescription;
  readonly packets: PacketTally;
  /** The input stream ffmpeg copied as the video track; null: it found none (see parseMappedVideo). */
  readonly videoIndex: number | null | undefined;
}

/** ffmpeg's options for a probe: describe the input, copy the first video track's packets to `framecrc` on stdout. */
export function probeOptions(maxPackets?: number): { inputOptions: string[]; outputOptions: string[] } {
  // -copyts: packet times as stored (no shift by the container start); 0:V = video that is not a cover image
  const inputOptions = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-copyts'];
  const outputOptions = ['-map', '0:V:0', '-c', 'copy', ...(maxPackets !== undefined ? ['-frames:v', String(maxPackets)] : []), '-f', 'framecrc'];
  return { inputOptions, outputOptions };
}

const STDERR_HEAD_LINES = 2000;
const STDERR_TAIL_LINES = 40;

/** Run the probe (through startFfmpeg, like every ffmpeg child) and return what it saw (internal). */
function runProbe(input: string, signal: AbortSignal | undefined, maxPackets: number | undefined): Promise<ProbeOutput> {
  const { inputOptions, outputOptions } = probeOptions(maxPackets);
  return new Promise((resolve, reject) => {
    const packets = createPacketTally();
    // the description comes first; a damaged file can log without end: keep its head and tail
    const head: string[] = [];
    let last: string[] = [];
    let exited = false;
    let stdoutEnded = false;
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const finish = (): void => {
      if (!exited || !stdoutEnded) return;
      const stderr = [...head, ...last].join('\n');
      const description = parseInputDescription(head.join('\n'));
      const videoIndex = parseMappedVideo(stderr);
      settle(() => {
        if (description && videoIndex !== undefined) resolve({ description, packets: packets.tally, videoIndex });
        else reject(new DecoderError('ffmpeg could not read the video (exit 0)', input, tail(stderr)));
      });
    };
    const sink = new Writable({ write: (_data, _encoding, callback) => callback() });
    sink.on('error', () => undefined);
    const proc = startFfmpeg({
      inputs: [{ source: input, options: inputOptions }],
      outputOptions,
      output: sink,
      onStdout(out) {
        let rest = '';
        out.setEncoding('latin1');
        out.on('data', (chunk: string) => {
          const lines = (rest + chunk).split('\n');
          rest = lines.pop()!;
          for (const line of lines) packets.push(line);
        });
        out.on('error', () => undefined);
        out.once('end', () => {
          if (rest) packets.push(rest);
          stdoutEnded = true;
          finish();
        });
        out.resume();
      },
      onStderrLine(line) {
        if (head.length < STDERR_HEAD_LINES) head.push(line);
        else {
          last.push(line);
          if (last.length > 2 * STDERR_TAIL_LINES) last = last.slice(-STDERR_TAIL_LINES);
        }
      },
      onDone(failure) {
        if (!failure) {
          exited = true;
          finish();
          return;
        }
        const stderr = [...head, ...last].join('\n');
        const description = parseInputDescription(head.join('\n'));
        // no video track: ffmpeg exits 1 after describing the input ("Stream map '0:V:0' matches no streams")
        if (description && parseMappedVideo(stderr) === null) {
          settle(() => resolve({ description, packets: packets.tally, videoIndex: null }));
          return;
        }
        const detail = errorLines(stderr) || failure.stderr;
        settle(() =>
          reject(failure.started ? new DecoderError(`ffmpeg could not read the video (${failure.reason})`, input, detail, { cause: failure.cause }) : new DecoderError('Could not run ffmpeg', input, failure.stderr, { cause: failure.cause })),
        );
      },
    });
    function onAbort(): void {
      proc.kill();
      settle(() => reject(signal!.reason instanceof Error && signal!.reason.name === 'AbortError' ? signal!.reason : new DOMException('This operation was aborted', 'AbortError')));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function isVideoTrack(s: DescribedStream): boolean {
  return s.type === 'video' && !s.attachedPic;
}

/** Clockwise display rotation from the `rotate` tag (old ffmpeg) or the display matrix angle. */
function rotationOf(stream: DescribedStream): 0 | 90 | 180 | 270 {
  // ffmpeg prints the display matrix angle counter-clockwise; its autorotate turns it back.
  const cw = stream.rotateTag ?? (stream.displayMatrix !== undefined ? -stream.displayMatrix : undefined);
  if (cw === undefined || !Number.isFinite(cw)) return 0;
  const r = (((Math.round(cw / 90) * 90) % 360) + 360) % 360;
  return r as 0 | 90 | 180 | 270;
}

/** VideoInfo from a probe (internal, exported for the specs). `complete`: every packet was read. */
export function videoInfoFrom(input: string, probe: ProbeOutput, complete = true): VideoInfo {
  const { description, packets, videoIndex } = probe;
  const video = videoIndex === null ? undefined : description.streams.find((s) => (videoIndex === undefined ? isVideoTrack(s) : s.index === videoIndex));
  if (!video) {
    // ffmpeg's 0:V skips cover images, which old builds do not mark in their description
    const kinds = description.streams.map((s) => (s.type === 'video' && (s.attachedPic || videoIndex === null) ? 'video (attached pic)' : s.type));
    throw new DecoderError('No video stream', input, `streams: ${kinds.join(', ') || 'none'}`);
  }
  const storedWidth = video.width ?? 0;
  const storedHeight = video.height ?? 0;
  if (!(storedWidth > 0 && storedHeight > 0)) throw new DecoderError('Video stream has no frame size', input);
  const rotation = rotationOf(video);
  const swap = rotation === 90 || rotation === 270;
  const timing = packetTiming(packets);
  const fps = pickRate(video.fps, timing.fps);
  const baseFps = pickRate(video.tbr, timing.fps) || fps;
  const duration = (complete ? timing.durationSec : undefined) ?? description.durationSec ?? 0;
  const start = timing.startSec ?? description.startSec ?? 0;
  const info: VideoInfo = {
    width: swap ? storedHeight : storedWidth,
    height: swap ? storedWidth : storedHeight,
    fps,
    baseFps,
    durationMs: duration * 1000,
    startMs: start * 1000,
    ...(complete && packets.count > 0 ? { frameCount: packets.count } : {}),
    rotation,
    hasAudio: description.streams.some((s) => s.type === 'audio'),
    codec: video.codec,
    format: description.format,
  };
  return Object.freeze(info);
}

/** Video packets a probe of a URL reads (its start and rate; the container gives the duration). */
const URL_PROBE_PACKETS = 64;

/**
 * {@link probeVideo} reading at most `maxPackets` packets (internal): enough for the start time and
 * rate of a seek; `durationMs` is then the container's and `frameCount` is left out.
 */
export async function probeVideoWith(input: string, options: { signal?: AbortSignal; maxPackets?: number }): Promise<VideoInfo> {
  assertString(input, 'input');
  await assertInputFile(input);
  options.signal?.throwIfAborted();
  const probe = await runProbe(input, options.signal, options.maxPackets);
  return videoInfoFrom(input, probe, options.maxPackets === undefined);
}

/**
 * Read a video's metadata with ffmpeg itself (the same binary that decodes it; no ffprobe): its
 * description of the input gives the streams, size, rotation and codec, and one demux pass over the
 * first video track's packets (copied to ffmpeg's `framecrc` muxer, nothing decoded: ~15 ms for a
 * 10 s clip, bounded by reading the file) gives the exact start, duration, frame count and rate.
 *
 * Reports the first video stream that is not a cover image: display size (after rotation), frame
 * rate, duration and start time of the stream, its frame (packet) count, rotation, audio presence
 * and codec. The values equal ffprobe's `avg_frame_rate`, `r_frame_rate`, `start_time`, `duration`
 * and `nb_frames` where the container stores them, and are counted from the packets where it does not
 * (Matroska/WebM).
 *
 * ## Example
 * ```ts
 * const info = await probeVideo('../shared/data/video/short_hamilton_clip.mp4');
 * // { width: 640, height: 360, fps: 29.97, baseFps: 29.97, durationMs: 9175.842, startMs: 852.019,
 * //   frameCount: 275, rotation: 0, hasAudio: true, codec: 'h264', format: 'mov,mp4,m4a,3gp,3g2,mj2' }
 * ```
 * @param input file path, or a URL ffmpeg can open: then only its first 64 video packets are read
 *   (no second download before decoding), so `durationMs` is the container's and `frameCount` is left out.
 * @param options `signal` aborts the probe (ffmpeg is killed; the promise rejects with an AbortError).
 * @throws {TypeError} when `input` is not a non-empty string.
 * @throws {DecoderError} with the path and ffmpeg's message when the file is missing (no process is
 *   spawned then), not a media file, truncated before its index, or has no video stream.
 * @throws {FfmpegNotFoundError} when no ffmpeg binary can be found.
 */
export async function probeVideo(input: string, options: { signal?: AbortSignal } = {}): Promise<VideoInfo> {
  // a URL is not read to its end (that would download it once more before decoding)
  return probeVideoWith(input, { ...(options.signal ? { signal: options.signal } : {}), ...(isUrl(input) ? { maxPackets: URL_PROBE_PACKETS } : {}) });
}
