/** What {@link buildDecodeArgs} needs: the sampling, cutting and scaling options of `readFrames`. */
export interface DecodeArgsOptions {
  readonly width?: number | undefined;
  readonly height?: number | undefined;
  readonly fps?: number | undefined;
  readonly every?: number | undefined;
  readonly startMs?: number | undefined;
  readonly durationMs?: number | undefined;
}

/** ffmpeg arguments for one raw-RGB24 decode, and where its two showinfo filters sit. */
export interface DecodeArgs {
  /** Options before `-i`: logging, `-copyts`, and the early seek. */
  readonly inputOptions: readonly string[];
  /** Options after `-i`: stream selection, `-vsync 0`, the filter graph, rgb24 rawvideo. */
  readonly outputOptions: readonly string[];
  /** The `-vf` chain, filter by filter. */
  readonly filters: readonly string[];
  /**
   * Index in `filters` of the showinfo that logs every decoded frame (before `select`), so its
   * lines carry `Parsed_showinfo_<allTag>`; -1 when nothing is sampled.
   */
  readonly allTag: number;
  /** Index in `filters` of the last showinfo: the frames that reach the pipe, at output size. */
  readonly outTag: number;
}

/** Seconds with microsecond precision, as ffmpeg options take them. */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(6);
}

/**
 * Build the ffmpeg command line of `readFrames` (pure; options are already validated there).
 *
 * - `startMs`/`durationMs`: an early input seek (`-ss` half a second before `startMs`, only past
 *   500 ms) and an exact `trim` on the absolute clock (`-copyts`).
 * - `every`/`fps`: a `select` expression, preceded by a showinfo that logs every decoded frame so
 *   survivors can be mapped back to their decoded index.
 * - `width`/`height`: `scale` (-1 keeps the aspect for the missing side).
 * - Always a final `showinfo=checksum=0`, whose lines give each piped frame's pts and size.
 *
 * ## Example
 * ```ts
 * buildDecodeArgs({ width: 320, every: 10 }).filters;
 * // ['showinfo=checksum=0', "select='not(mod(n,10))'", 'scale=320:-1', 'showinfo=checksum=0']
 * ```
 * @param options the `readFrames` options that shape the command.
 * @returns input and output options, the filter chain and the two showinfo positions.
 */
export function buildDecodeArgs(options: DecodeArgsOptions): DecodeArgs {
  const filters: string[] = [];
  const inputOptions = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'level+info', '-copyts'];
  const { startMs, durationMs } = options;
  if (startMs !== undefined || durationMs !== undefined) {
    const trim: string[] = [];
    if (startMs !== undefined) {
      // Seek a little early (to the keyframe before), then cut exactly on the absolute clock.
      if (startMs > 500) inputOptions.push('-ss', seconds(startMs - 500), '-noaccurate_seek');
      trim.push(`start=${seconds(startMs)}`);
      if (durationMs !== undefined) trim.push(`end=${seconds(startMs + durationMs)}`);
    } else if (durationMs !== undefined) {
      // trim's duration counts from the first frame's timestamp.
      trim.push(`duration=${seconds(durationMs)}`);
    }
    filters.push(`trim=${trim.join(':')}`);
  }
  const select: string[] = [];
  if (options.every !== undefined && options.every > 1) select.push(`not(mod(n,${options.every}))`);
  if (options.fps !== undefined) {
    const f = options.fps;
    select.push(`if(isnan(prev_selected_t),1,gte(floor(t*${f})-floor(prev_selected_t*${f}),1))`);
  }
  let allTag = -1;
  if (select.length > 0) {
    allTag = filters.length;
    filters.push('showinfo=checksum=0');
    filters.push(`select='${select.join('*')}'`);
  }
  if (options.width !== undefined || options.height !== undefined) {
    // -2 would round to even; -1 keeps the aspect as closely as a whole pixel allows.
    filters.push(`scale=${options.width ?? -1}:${options.height ?? -1}`);
  }
  const outTag = filters.length;
  filters.push('showinfo=checksum=0');
  const outputOptions = ['-map', '0:v:0', '-an', '-sn', '-dn', '-vsync', '0', '-vf', filters.join(','), '-pix_fmt', 'rgb24', '-f', 'rawvideo'];
  return { inputOptions, outputOptions, filters, allTag, outTag };
}
