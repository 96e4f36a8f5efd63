import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { DecoderError } from '../shared/errors.js';
import { assertString } from '../shared/assert.js';
import { trackFfmpegChild } from './ffmpeg-children.js';
import { resolveFfprobe } from './resolve-ffmpeg.js';
import type { VideoInfo } from './video-info.js';

/** Parse `"30000/1001"` (or a plain number) into a number; 0 for `0/0`, `N/A` or garbage. */
function parseRate(rate: unknown): number {
  if (typeof rate !== 'string') return 0;
  const [n, d] = rate.split('/').map(Number);
  if (d === undefined) return Number.isFinite(n) && n! > 0 ? n! : 0;
  return Number.isFinite(n) && Number.isFinite(d) && d > 0 && n! > 0 ? n! / d : 0;
}

function parseSeconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

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

/** Run ffprobe and return its JSON (internal). */
function runFfprobe(input: string, signal: AbortSignal | undefined): Promise<Record<string, unknown>> {
  const ffprobe = resolveFfprobe();
  return new Promise((resolve, reject) => {
    const child = spawn(ffprobe, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', input], {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      ...(signal ? { signal, killSignal: 'SIGKILL' as const } : {}),
    });
    trackFfmpegChild(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.once('error', (e) => reject(e.name === 'AbortError' ? e : new DecoderError('Could not run ffprobe', input, e.message, { cause: e })));
    child.once('close', (code, exitSignal) => {
      const stderr = tail(Buffer.concat(err).toString('utf8'));
      if (code !== 0) {
        reject(new DecoderError(`ffprobe could not read the video (exit ${code ?? exitSignal})`, input, stderr));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as Record<string, unknown>);
      } catch (e) {
        reject(new DecoderError('ffprobe printed unreadable JSON', input, (e as Error).message, { cause: e }));
      }
    });
  });
}

/** Clockwise display rotation from a stream's `rotate` tag or display-matrix side data. */
function rotationOf(stream: Record<string, unknown>): 0 | 90 | 180 | 270 {
  const tags = (stream.tags ?? {}) as Record<string, unknown>;
  let cw: number | undefined;
  if (tags.rotate !== undefined) {
    cw = Number(tags.rotate);
  } else {
    const side = (stream.side_data_list ?? []) as Array<Record<string, unknown>>;
    const matrix = side.find((s) => typeof s.rotation === 'number' || typeof s.rotation === 'string');
    // ffprobe prints the display matrix angle counter-clockwise; ffmpeg's autorotate turns it back.
    if (matrix) cw = -Number(matrix.rotation);
  }
  if (cw === undefined || !Number.isFinite(cw)) return 0;
  const r = (((Math.round(cw / 90) * 90) % 360) + 360) % 360;
  return r as 0 | 90 | 180 | 270;
}

/**
 * Read a video's metadata with ffprobe (container headers only, nothing is decoded: ~30 ms).
 *
 * Reports the first video stream: display size (after rotation), frame rate, duration and start
 * time of the stream, the header's frame count, rotation, audio presence and codec.
 *
 * ## Example
 * ```ts
 * const info = await probeVideo('../shared/data/video/short_hamilton_clip.mp4');
 * // { width: 640, height: 360, fps: 29.97, durationMs: 9175.843, startMs: 852.019,
 * //   frameCount: 275, rotation: 0, hasAudio: true, codec: 'h264', format: 'mov,mp4,m4a,3gp,3g2,mj2' }
 * ```
 * @param input file path (or a URL ffmpeg can open).
 * @param options `signal` aborts the probe (ffprobe is killed; the promise rejects with an AbortError).
 * @throws {TypeError} when `input` is not a non-empty string.
 * @throws {DecoderError} with the path and ffprobe's message when the file is missing (no process is
 *   spawned then), not a media file, truncated before its index, or has no video stream.
 * @throws {FfmpegNotFoundError} when no ffprobe binary can be found.
 */
export async function probeVideo(input: string, options: { signal?: AbortSignal } = {}): Promise<VideoInfo> {
  assertString(input, 'input');
  await assertInputFile(input);
  options.signal?.throwIfAborted();
  const json = await runFfprobe(input, options.signal);
  const streams = (json.streams ?? []) as Array<Record<string, unknown>>;
  const format = (json.format ?? {}) as Record<string, unknown>;
  const video = streams.find((s) => s.codec_type === 'video' && !((s.disposition as Record<string, unknown> | undefined)?.attached_pic === 1));
  if (!video) throw new DecoderError('No video stream', input, `streams: ${streams.map((s) => s.codec_type).join(', ') || 'none'}`);
  const storedWidth = Number(video.width);
  const storedHeight = Number(video.height);
  if (!(storedWidth > 0 && storedHeight > 0)) throw new DecoderError('Video stream has no frame size', input);
  const rotation = rotationOf(video);
  const swap = rotation === 90 || rotation === 270;
  const fps = parseRate(video.avg_frame_rate) || parseRate(video.r_frame_rate);
  const duration = parseSeconds(video.duration) ?? parseSeconds(format.duration) ?? 0;
  const start = parseSeconds(video.start_time) ?? parseSeconds(format.start_time) ?? 0;
  const nbFrames = Number(video.nb_frames);
  const info: VideoInfo = {
    width: swap ? storedHeight : storedWidth,
    height: swap ? storedWidth : storedHeight,
    fps,
    baseFps: parseRate(video.r_frame_rate) || fps,
    durationMs: duration * 1000,
    startMs: start * 1000,
    ...(Number.isInteger(nbFrames) && nbFrames > 0 ? { frameCount: nbFrames } : {}),
    rotation,
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
    codec: String(video.codec_name ?? 'unknown'),
    format: String(format.format_name ?? 'unknown'),
  };
  return Object.freeze(info);
}
