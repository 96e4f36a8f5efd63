import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { liveInputArgs } from './live-input-args.js';

describe('liveInputArgs', () => {
  const stdin = new PassThrough();
  const base = ['-flags', 'low_delay', '-probesize', '500000', '-analyzeduration', '500000'];

  it('low-latency flags, plus a protocol timeout so an orphaned ffmpeg gives up on a dead stream', () => {
    expect(liveInputArgs('udp://127.0.0.1:5000', stdin, false, 20_000)).toEqual({ source: 'udp://127.0.0.1:5000', inputOptions: [...base, '-timeout', '20000000'] });
    expect(liveInputArgs('tcp://127.0.0.1:5000', stdin, false, 20_000).inputOptions).toEqual([...base, '-rw_timeout', '20000000']);
    expect(liveInputArgs('http://127.0.0.1/a.ts', stdin).inputOptions).toEqual(base);
  });

  it('rtsp over tcp, listen modes, stdin as a stream', () => {
    expect(liveInputArgs('rtsp://cam/live', stdin, false, 20_000).inputOptions).toEqual([...base, '-rtsp_transport', 'tcp']);
    expect(liveInputArgs('rtsp://0.0.0.0:8554/live', stdin, true).inputOptions).toEqual([...base, '-rtsp_transport', 'tcp', '-rtsp_flags', 'listen']);
    expect(liveInputArgs('tcp://0.0.0.0:5000', stdin, true, 20_000).inputOptions).toEqual([...base, '-listen', '1']);
    expect(liveInputArgs('-', stdin).source).toBe(stdin);
    expect(liveInputArgs('-', stdin).inputOptions).toEqual(base);
    expect(liveInputArgs('clips/door.mp4', stdin, false, 20_000)).toEqual({ source: 'clips/door.mp4', inputOptions: [...base, '-re'] });
  });
});
