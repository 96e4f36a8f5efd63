import { DecoderError } from '../shared/errors.js';

/** One frame on its way through the pipe, as its showinfo line describes it. */
export interface FrameMeta {
  /** Decoded-order index (or its place on the probe's frame grid after a seek). */
  readonly index: number;
  /** `pts * time_base` in ms (NaN for NOPTS). */
  readonly timeMs: number;
  readonly width: number;
  readonly height: number;
}

/** Options of {@link createShowinfoParser}. */
export interface ShowinfoParserOptions {
  /** The input path, for errors. */
  readonly input: string;
  /** showinfo instance logging every decoded frame (before `select`), -1 when not sampling. */
  readonly allTag: number;
  /** showinfo instance logging the frames that reach the pipe. */
  readonly outTag: number;
  /**
   * After a seek ffmpeg's frame count `n` restarts at 0: given the probe's stream start and frame
   * rate, the first frame is placed on that grid (`round((t - originMs) * fps)`) and later frames follow.
   */
  readonly grid?: { readonly originMs: number; readonly fps: number } | undefined;
}

/** Stateful reader of ffmpeg's `-loglevel level+info` stderr, one line at a time. */
export interface ShowinfoParser {
  /**
   * Read one stderr line; returns the frame it announces (final showinfo only), else undefined.
   * @throws {DecoderError} for a final-showinfo frame line without a frame size.
   */
  push(line: string): FrameMeta | undefined;
  /** The last 15 lines that were not showinfo output. */
  readonly tail: readonly string[];
  /** The last 15 `[error]`/`[fatal]`/`[panic]` lines. */
  readonly errorLines: readonly string[];
}

/** `[Parsed_showinfo_3 @ 0x...] [info] n:  12 pts:  10214 pts_time:0.852 pos: 1 fmt:rgb24 sar:1/1 s:640x360 ...` */
const SHOWINFO_FRAME = /^\[Parsed_showinfo_(\d+) @ [^\]]*\] (?:\[info\] )?n:\s*(\d+)\s+pts:\s*(-?\d+|NOPTS)/;
const SHOWINFO_SIZE = / s:(\d+)x(\d+) /;
/** `[Parsed_showinfo_0 @ 0x...] [info] config in time_base: 1/11988, frame_rate: 2997/100` */
const SHOWINFO_TIMEBASE = /^\[Parsed_showinfo_(\d+) @ [^\]]*\] (?:\[info\] )?config in time_base:\s*(\d+)\/(\d+)/;
const ERROR_LINE = /\[(?:error|fatal|panic)\]/;
const KEEP = 15;

function keepLast(list: string[], line: string): void {
  list.push(line);
  if (list.length > KEEP) list.shift();
}

/**
 * Turn the stderr of a `readFrames` ffmpeg (see `buildDecodeArgs`) into frame records: each final
 * showinfo line gives a frame's pts (times the time base logged by the same instance's
 * `config in time_base` line) and size; with sampling, a survivor is matched to the decoded-frame
 * record of the first showinfo with the same pts to recover its decoded index. Pure: no I/O.
 *
 * ## Example
 * ```ts
 * const p = createShowinfoParser({ input: 'clip.mp4', allTag: -1, outTag: 0 });
 * p.push('[Parsed_showinfo_0 @ 0x1] [info] config in time_base: 1/11988, frame_rate: 2997/100');
 * p.push('[Parsed_showinfo_0 @ 0x1] [info] n:   0 pts:  10214 pts_time:0.852019 pos: 48 fmt:rgb24 sar:1/1 s:640x360 i:P');
 * // { index: 0, timeMs: 852.019..., width: 640, height: 360 }
 * ```
 */
export function createShowinfoParser(options: ShowinfoParserOptions): ShowinfoParser {
  const { input, allTag, outTag, grid } = options;
  const timeBase = new Map<number, number>(); // showinfo instance -> seconds per pts unit
  const decoded: { n: number; pts: number }[] = []; // decoded-frame records not yet matched
  const tail: string[] = [];
  const errorLines: string[] = [];
  let indexOffset: number | undefined;

  const place = (n: number, pts: number, tb: number): number => {
    indexOffset ??= grid && grid.fps > 0 ? Math.max(0, Math.round((pts * tb - grid.originMs / 1000) * grid.fps)) - n : 0;
    return n + indexOffset;
  };

  return {
    tail,
    errorLines,
    push(line: string): FrameMeta | undefined {
      const m = SHOWINFO_FRAME.exec(line);
      if (m) {
        const tag = Number(m[1]);
        const n = Number(m[2]);
        const pts = m[3] === 'NOPTS' ? NaN : Number(m[3]);
        if (tag === allTag) {
          decoded.push({ n, pts });
          return undefined;
        }
        if (tag !== outTag) return undefined;
        const size = SHOWINFO_SIZE.exec(line);
        if (!size) throw new DecoderError('Unreadable ffmpeg showinfo line', input, line);
        let index = n;
        if (allTag >= 0) {
          // Match the survivor with its decoded record (same stream, same order).
          let rec = decoded.shift();
          while (rec && !(rec.pts === pts || (Number.isNaN(pts) && Number.isNaN(rec.pts)))) rec = decoded.shift();
          index = rec ? rec.n : -1;
        }
        const tb = timeBase.get(tag);
        return { index: place(index, pts, tb ?? 0), timeMs: pts * (tb ?? NaN) * 1000, width: Number(size[1]), height: Number(size[2]) };
      }
      const tb = SHOWINFO_TIMEBASE.exec(line);
      if (tb) {
        timeBase.set(Number(tb[1]), Number(tb[2]) / Number(tb[3]));
        return undefined;
      }
      keepLast(tail, line);
      if (ERROR_LINE.test(line)) keepLast(errorLines, line);
      return undefined;
    },
  };
}
