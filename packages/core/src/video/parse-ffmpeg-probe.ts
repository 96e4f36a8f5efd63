/**
 * Parsers behind {@link probeVideo} (internal): ffmpeg's description of its input (the
 * `Input #0, ...` block it prints on stderr when it opens a file) and the per-packet lines of its
 * `framecrc` muxer (one line per video packet, read with `-c copy`, nothing decoded).
 *
 * The description gives the container, the streams, their codec, size, rotation and the rates
 * ffmpeg prints (`29.97 fps, 29.97 tbr`, rounded to 2 decimals); the packet lines give the exact
 * time base, first timestamp, end and packet count, from which the exact average rate follows.
 * Both formats are read the same way from the 2018 ffmpeg of `@ffmpeg-installer/ffmpeg` up to
 * ffmpeg 7 (the specs run on captured output of old and new builds).
 */

/** One stream of ffmpeg's input description. */
export interface DescribedStream {
  /** Index in the input (`Stream #0:<index>`). */
  readonly index: number;
  /** `video`, `audio`, `subtitle`, `data`, `attachment`. */
  readonly type: string;
  /** Codec name as ffmpeg prints it first (`h264`, `aac`, `mjpeg`). */
  readonly codec: string;
  readonly width?: number;
  readonly height?: number;
  /** The printed average rate (`29.97 fps`), rounded by ffmpeg to 2 decimals. */
  readonly fps?: number;
  /** The printed base rate (`29.97 tbr`, ffprobe's `r_frame_rate`), rounded likewise. */
  readonly tbr?: number;
  /** A cover image (`(attached pic)`), not a video track. */
  readonly attachedPic: boolean;
  /** The `rotate` metadata tag (clockwise degrees; ffmpeg before 5.0 prints it). */
  readonly rotateTag?: number;
  /** The display matrix side data angle (counter-clockwise degrees, as ffmpeg prints it). */
  readonly displayMatrix?: number;
}

/** ffmpeg's description of input #0. */
export interface InputDescription {
  /** Demuxer name(s), e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  readonly format: string;
  /** Container duration (`Duration: 00:00:10.01`, to 10 ms) in seconds, when known. */
  readonly durationSec?: number;
  /** Container start (`start: 0.008005`: the earliest stream) in seconds, when printed. */
  readonly startSec?: number;
  readonly streams: readonly DescribedStream[];
}

const STREAM_LINE = /^\s*Stream #0:(\d+)(?:\[[^\]]*\])?(?:\([^)]*\))?: (\w+): (.*)$/;
const DURATION_LINE = /^\s*Duration: (?:N\/A|(\d+):(\d+):(\d+(?:\.\d+)?))(?:, start: (-?\d+(?:\.\d+)?))?/;

/** Split at `, ` outside parentheses and brackets: `yuv420p(tv, bt709), 640x360 [SAR 1:1 DAR 16:9]`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** `29.97 fps`, `25 tbr`, `90k tbn` -> the number, for the given unit. */
function rateOf(parts: readonly string[], unit: string): number | undefined {
  const re = new RegExp(`^(\\d+(?:\\.\\d+)?)(k?) ${unit}\\b`);
  for (const p of parts) {
    const m = re.exec(p);
    if (m) return Number(m[1]) * (m[2] === 'k' ? 1000 : 1);
  }
  return undefined;
}

/**
 * Read the `Input #0` block of ffmpeg's stderr; undefined when ffmpeg printed none (it could not
 * open the input). Stops at the output description, so the copy's own stream lines are not read.
 */
export function parseInputDescription(stderr: string): InputDescription | undefined {
  let format: string | undefined;
  let durationSec: number | undefined;
  let startSec: number | undefined;
  const streams: Array<{ -readonly [K in keyof DescribedStream]: DescribedStream[K] }> = [];
  let block: 'none' | 'side' | 'other' = 'none';
  for (const line of stderr.split(/\r?\n/)) {
    if (format === undefined) {
      const m = /^Input #0, (.*), from '/.exec(line);
      if (m) format = m[1]!;
      continue;
    }
    if (/^(Output #|Input #|Stream mapping:|\S)/.test(line)) break;
    const d = DURATION_LINE.exec(line);
    if (d && streams.length === 0) {
      if (d[1] !== undefined) durationSec = Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]);
      if (d[4] !== undefined) startSec = Number(d[4]);
      continue;
    }
    const s = STREAM_LINE.exec(line);
    if (s) {
      const parts = splitTopLevel(s[3]!);
      const size = parts.map((p) => /^(\d+)x(\d+)(?:\s|$)/.exec(p)).find((m) => m);
      const fps = rateOf(parts, 'fps');
      const tbr = rateOf(parts, 'tbr');
      streams.push({
        index: Number(s[1]),
        type: s[2]!.toLowerCase(),
        codec: /^[^\s,]+/.exec(parts[0] ?? '')?.[0] ?? 'unknown',
        ...(size ? { width: Number(size[1]), height: Number(size[2]) } : {}),
        ...(fps !== undefined ? { fps } : {}),
        ...(tbr !== undefined ? { tbr } : {}),
        attachedPic: /\(attached pic\)/.test(s[3]!),
      });
      block = 'none';
      continue;
    }
    const current = streams[streams.length - 1];
    if (!current) continue;
    if (/^\s*Side data:/.test(line)) {
      block = 'side';
      continue;
    }
    if (/^\s*Metadata:/.test(line)) {
      block = 'other';
      continue;
    }
    const rotate = /^\s*rotate\s*: (-?\d+(?:\.\d+)?)\s*$/.exec(line);
    if (rotate && block === 'other') current.rotateTag = Number(rotate[1]);
    const matrix = /displaymatrix: rotation of (-?\d+(?:\.\d+)?) degrees/.exec(line);
    if (matrix) current.displayMatrix = Number(matrix[1]);
  }
  if (format === undefined) return undefined;
  return { format, ...(durationSec !== undefined ? { durationSec } : {}), ...(startSec !== undefined ? { startSec } : {}), streams };
}

/** What the `framecrc` lines of stream 0 add up to (timestamps in `timeBase` units). */
export interface PacketTally {
  /** `[num, den]` from `#tb 0: num/den`. */
  timeBase?: [number, number];
  /** Packets that are shown (those flagged discard, e.g. cut by an edit list, are not counted). */
  count: number;
  /** Smallest presentation timestamp. */
  minPts?: number;
  /** Largest presentation timestamp. */
  maxPts?: number;
  /** Largest `pts + duration`. */
  maxEnd?: number;
}

const NO_PTS = -9e18; // AV_NOPTS_VALUE prints as -9223372036854775808
const PKT_FLAG_DISCARD = 4;

/**
 * Accumulate `framecrc` output line by line (stdout may be long: one line per packet, nothing
 * is kept but the totals). Lines are `stream, dts, pts, duration, size, crc[, F=0xflags]`.
 */
export function createPacketTally(): { readonly tally: PacketTally; push(line: string): void } {
  const tally: PacketTally = { count: 0 };
  return {
    tally,
    push(line: string): void {
      if (line.startsWith('#')) {
        const tb = /^#tb 0: (\d+)\/(\d+)/.exec(line);
        if (tb && Number(tb[1]) > 0 && Number(tb[2]) > 0) tally.timeBase = [Number(tb[1]), Number(tb[2])];
        return;
      }
      const f = line.split(',');
      if (f.length < 6 || f[0]!.trim() !== '0') return;
      const flags = /F=0x([0-9a-f]+)/i.exec(f[6] ?? '');
      if (flags && (parseInt(flags[1]!, 16) & PKT_FLAG_DISCARD) !== 0) return;
      tally.count++;
      const dts = Number(f[1]);
      const rawPts = Number(f[2]);
      const pts = Number.isFinite(rawPts) && rawPts > NO_PTS ? rawPts : Number.isFinite(dts) && dts > NO_PTS ? dts : undefined;
      if (pts === undefined) return;
      const duration = Math.max(0, Number(f[3]) || 0);
      tally.minPts = tally.minPts === undefined ? pts : Math.min(tally.minPts, pts);
      tally.maxPts = tally.maxPts === undefined ? pts : Math.max(tally.maxPts, pts);
      tally.maxEnd = tally.maxEnd === undefined ? pts + duration : Math.max(tally.maxEnd, pts + duration);
    },
  };
}

/** A printed 2-decimal rate that is a rounded NTSC rate (23.98, 29.97, 59.94) -> k * 1000/1001. */
function unround(printed: number): number {
  if (Number.isInteger(printed)) return printed;
  const k = Math.round(printed * 1.001);
  return k > 0 && Math.abs((k * 1000) / 1001 - printed) < 0.005 ? (k * 1000) / 1001 : printed;
}

/**
 * The exact rate when ffmpeg's printed (rounded) one agrees with it, else the printed one (ffmpeg
 * estimated it from more than this tally saw, e.g. a stream cut mid-GOP), else the exact one.
 */
export function pickRate(printed: number | undefined, exact: number | undefined): number {
  if (printed !== undefined && exact !== undefined && Math.abs(exact - printed) <= 0.005 + 1e-9) return exact;
  if (printed !== undefined && printed > 0) return unround(printed);
  return exact !== undefined && Number.isFinite(exact) && exact > 0 ? exact : 0;
}

/** Timing of the first video stream from its packets, in seconds (undefined parts when unknown). */
export function packetTiming(t: PacketTally): { startSec?: number; durationSec?: number; fps?: number } {
  if (!t.timeBase || t.count === 0 || t.minPts === undefined) return {};
  const sec = t.timeBase[0] / t.timeBase[1];
  const span = t.maxEnd! > t.minPts ? t.maxEnd! - t.minPts : 0;
  const fps = span > 0 ? t.count / (span * sec) : t.count > 1 && t.maxPts! > t.minPts ? (t.count - 1) / ((t.maxPts! - t.minPts) * sec) : undefined;
  return { startSec: t.minPts * sec, ...(span > 0 ? { durationSec: span * sec } : {}), ...(fps !== undefined ? { fps } : {}) };
}

/**
 * Which input stream ffmpeg took for `-map 0:V:0` (the first video track that is not a cover
 * image; builds before ffmpeg 4.4 do not print `(attached pic)`, so this is the way to tell):
 * its index, `null` when ffmpeg said no stream matches, undefined when stderr says neither.
 */
export function parseMappedVideo(stderr: string): number | null | undefined {
  if (/Stream map '0:V:0' matches no streams/.test(stderr)) return null;
  const m = /^Stream mapping:\r?\n\s*Stream #0:(\d+) -> #0:0\b/m.exec(stderr);
  return m ? Number(m[1]) : undefined;
}
