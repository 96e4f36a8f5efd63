import { describe, expect, it } from 'vitest';
import { buildDecodeArgs } from './build-decode-args.js';

const LOG = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'level+info', '-copyts'];
const out = (vf: string): string[] => ['-map', '0:v:0', '-an', '-sn', '-dn', '-vsync', '0', '-vf', vf, '-pix_fmt', 'rgb24', '-f', 'rawvideo'];

describe('buildDecodeArgs (goldens)', () => {
  it('no options: passthrough, one showinfo at the end', () => {
    expect(buildDecodeArgs({})).toEqual({ inputOptions: LOG, outputOptions: out('showinfo=checksum=0'), filters: ['showinfo=checksum=0'], allTag: -1, outTag: 0 });
  });

  it('every: a select after a first showinfo, then scale with the aspect kept', () => {
    const a = buildDecodeArgs({ every: 10, width: 320 });
    expect(a.filters).toEqual(['showinfo=checksum=0', "select='not(mod(n,10))'", 'scale=320:-1', 'showinfo=checksum=0']);
    expect([a.allTag, a.outTag]).toEqual([0, 3]);
    expect(a.outputOptions).toEqual(out(a.filters.join(',')));
    expect(a.inputOptions).toEqual(LOG);
  });

  it('every: 1 samples nothing; height alone scales -1:h', () => {
    const a = buildDecodeArgs({ every: 1, height: 90 });
    expect(a.filters).toEqual(['scale=-1:90', 'showinfo=checksum=0']);
    expect([a.allTag, a.outTag]).toEqual([-1, 1]);
  });

  it('fps and every multiply in one select; startMs + durationMs seek early and trim on the absolute clock', () => {
    const a = buildDecodeArgs({ fps: 5, every: 2, startMs: 2000, durationMs: 1500, width: 64, height: 48 });
    expect(a.inputOptions).toEqual([...LOG, '-ss', '1.500000', '-noaccurate_seek']);
    expect(a.filters).toEqual([
      'trim=start=2.000000:end=3.500000',
      'showinfo=checksum=0',
      "select='not(mod(n,2))*if(isnan(prev_selected_t),1,gte(floor(t*5)-floor(prev_selected_t*5),1))'",
      'scale=64:48',
      'showinfo=checksum=0',
    ]);
    expect([a.allTag, a.outTag]).toEqual([1, 4]);
  });

  it('startMs up to 500 ms trims without seeking; durationMs alone trims by duration', () => {
    expect(buildDecodeArgs({ startMs: 400 })).toMatchObject({ inputOptions: LOG, filters: ['trim=start=0.400000', 'showinfo=checksum=0'], outTag: 1 });
    expect(buildDecodeArgs({ durationMs: 1000 })).toMatchObject({ inputOptions: LOG, filters: ['trim=duration=1.000000', 'showinfo=checksum=0'], outTag: 1 });
  });
});
