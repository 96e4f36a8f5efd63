import { describe, expect, it } from 'vitest';
import { resolveLiveOptions } from './live-options.js';
import { readFrames } from './read-frames.js';

describe('resolveLiveOptions', () => {
  it('fills in the defaults; reconnect backoff only when asked for', () => {
    const r = resolveLiveOptions(true);
    expect(r).toMatchObject({ drop: 'latest', reconnect: undefined, stallTimeoutMs: 3000, connectTimeoutMs: 10_000 });
    expect(resolveLiveOptions({ reconnect: true }).reconnect).toEqual({ retries: Infinity, initialDelayMs: 500, maxDelayMs: 10_000 });
    expect(resolveLiveOptions({ reconnect: { initialDelayMs: 20_000 } }).reconnect?.maxDelayMs).toBe(20_000);
  });

  it('names the bad field and what was expected', () => {
    expect(() => resolveLiveOptions({ drop: 'oldest' })).toThrow(/live\.drop/);
    expect(() => resolveLiveOptions({ stallTimeoutMs: 0 })).toThrow(RangeError);
    expect(() => resolveLiveOptions({ reconnect: { retries: 1.5 } })).toThrow(/live\.reconnect\.retries/);
    expect(() => resolveLiveOptions({ onEvent: 'log' })).toThrow(TypeError);
    expect(() => resolveLiveOptions('yes')).toThrow(/`live`/);
  });

  it('readFrames rejects live options that cannot work, before spawning anything', () => {
    expect(() => readFrames('tcp://127.0.0.1:9', { live: true, startMs: 1000 })).toThrow(/startMs/);
    expect(() => readFrames('-', { live: { reconnect: true } })).toThrow(/live\.reconnect/);
  });
});
