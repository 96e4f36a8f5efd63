import { describe, expect, it } from 'vitest';
import { DecoderError } from '../shared/errors.js';
import { createShowinfoParser, type FrameMeta } from './create-showinfo-parser.js';

// Captured from the bundled ffmpeg on short_hamilton_clip.mp4 with
// -vf "trim=duration=0.1,showinfo=checksum=0,select='not(mod(n,2))',scale=320:-1,showinfo=checksum=0"
const SAMPLED = `[Parsed_showinfo_1 @ 0x30780280] [info] config in time_base: 1/11988, frame_rate: 2997/100
[Parsed_showinfo_1 @ 0x30780280] [info] config out time_base: 0/0, frame_rate: 0/0
[Parsed_showinfo_4 @ 0x30864480] [info] config in time_base: 1/11988, frame_rate: 2997/100
[Parsed_showinfo_4 @ 0x30864480] [info] config out time_base: 0/0, frame_rate: 0/0
[Parsed_showinfo_1 @ 0x30780280] [info] n:   0 pts:  10214 pts_time:0.852019 pos:    10226 fmt:yuv420p sar:1/1 s:640x360 i:P iskey:1 type:I 
[Parsed_showinfo_1 @ 0x30780280] [info] color_range:tv color_space:bt709 color_primaries:bt709 color_trc:bt709
[Parsed_showinfo_4 @ 0x30864480] [info] n:   0 pts:  10214 pts_time:0.852019 pos:    10226 fmt:rgb24 sar:1/1 s:320x180 i:P iskey:1 type:I 
[Parsed_showinfo_4 @ 0x30864480] [info] color_range:tv color_space:bt709 color_primaries:bt709 color_trc:bt709
[Parsed_showinfo_1 @ 0x30780280] [info] n:   1 pts:  10614 pts_time:0.885385 pos:    20080 fmt:yuv420p sar:1/1 s:640x360 i:P iskey:0 type:P 
[Parsed_showinfo_1 @ 0x30780280] [info] color_range:tv color_space:bt709 color_primaries:bt709 color_trc:bt709
[Parsed_showinfo_1 @ 0x30780280] [info] n:   2 pts:  11014 pts_time:0.918752 pos:    21510 fmt:yuv420p sar:1/1 s:640x360 i:P iskey:0 type:P 
[Parsed_showinfo_1 @ 0x30780280] [info] color_range:tv color_space:bt709 color_primaries:bt709 color_trc:bt709
[Parsed_showinfo_4 @ 0x30864480] [info] n:   1 pts:  11014 pts_time:0.918752 pos:    21510 fmt:rgb24 sar:1/1 s:320x180 i:P iskey:0 type:P 
[Parsed_showinfo_4 @ 0x30864480] [info] color_range:tv color_space:bt709 color_primaries:bt709 color_trc:bt709`.split('\n');

function frames(lines: readonly string[], parser = createShowinfoParser({ input: 'clip.mp4', allTag: 1, outTag: 4 })): FrameMeta[] {
  const out: FrameMeta[] = [];
  for (const l of lines) {
    const m = parser.push(l);
    if (m) out.push(m);
  }
  return out;
}

describe('createShowinfoParser on captured showinfo lines', () => {
  it('sampled: survivors get their decoded index, pts * time_base in ms and the output size', () => {
    const out = frames(SAMPLED);
    expect(out.map((f) => [f.index, f.width, f.height])).toEqual([[0, 320, 180], [2, 320, 180]]);
    expect(out[0]!.timeMs).toBeCloseTo((10214 / 11988) * 1000, 9);
    expect(out[1]!.timeMs).toBeCloseTo((11014 / 11988) * 1000, 9); // 918.752 ms, ffprobe's pts_time
  });

  it('unsampled: the single showinfo counts frames itself; other lines go to the tail, errors to errorLines', () => {
    const p = createShowinfoParser({ input: 'clip.mp4', allTag: -1, outTag: 4 });
    const out = frames([...SAMPLED.filter((l) => l.includes('showinfo_4')), '[h264 @ 0x1] [error] Invalid NAL unit size.', '[info] frame end'], p);
    expect(out.map((f) => f.index)).toEqual([0, 1]);
    expect(p.errorLines).toEqual(['[h264 @ 0x1] [error] Invalid NAL unit size.']);
    expect(p.tail.slice(-2)).toEqual(['[h264 @ 0x1] [error] Invalid NAL unit size.', '[info] frame end']);
    expect(p.tail.some((l) => l.includes('showinfo_4] [info] n:'))).toBe(false);
  });

  it('after a seek, the first frame is placed on the probe grid and the rest follow', () => {
    const p = createShowinfoParser({ input: 'clip.mp4', allTag: -1, outTag: 4, grid: { originMs: 852.019, fps: 29.97 } });
    const seekLine = '[Parsed_showinfo_4 @ 0x1] [info] n:   0 pts:  24214 pts_time:2.019853 pos: 1 fmt:rgb24 sar:1/1 s:64x48 i:P';
    const next = '[Parsed_showinfo_4 @ 0x1] [info] n:   1 pts:  24614 pts_time:2.053220 pos: 1 fmt:rgb24 sar:1/1 s:64x48 i:P';
    const out = frames([SAMPLED[2]!, seekLine, next], p);
    // Hamilton frame 35 (ffprobe: pts 24214) is 35 frames after the stream start at 852.019 ms.
    expect(out.map((f) => f.index)).toEqual([35, 36]);
    expect(out[0]!.timeMs).toBeCloseTo(2019.853, 2);
  });

  it('NOPTS gives NaN time; a missing time base gives NaN, not a made-up clock', () => {
    const out = frames(['[Parsed_showinfo_0 @ 0x1] n:   0 pts:NOPTS pts_time:NOPTS pos: 1 fmt:rgb24 sar:1/1 s:2x2 i:P'], createShowinfoParser({ input: 'x', allTag: -1, outTag: 0 }));
    expect(out).toHaveLength(1);
    expect(Number.isNaN(out[0]!.timeMs)).toBe(true);
  });

  it('a final showinfo frame line without its size is a DecoderError naming the input', () => {
    const p = createShowinfoParser({ input: 'clip.mp4', allTag: -1, outTag: 0 });
    expect(() => p.push('[Parsed_showinfo_0 @ 0x1] [info] n:   0 pts:  10 pts_time:0.1 pos: 1 fmt:rgb24')).toThrow(DecoderError);
    expect(() => p.push('[Parsed_showinfo_0 @ 0x1] [info] n:   0 pts:  10 pts_time:0.1 pos: 1 fmt:rgb24')).toThrow('clip.mp4');
  });
});
