import { createFrame, withResults } from '@facepipe/core';
import { describe, expect, it } from 'vitest';
import { frameFromImage } from './frame-from-image.js';
import { matteFrame } from './matte-frame.js';
import type { FrameWithMask } from './mask.js';

describe('rebuilt frames keep the source frame timing (live latency)', () => {
  const source = createFrame({ data: new Uint8Array(6), width: 2, height: 1, index: 7, timeMs: 233.6, sourceId: 'tcp://127.0.0.1:5000', arrivalMs: 1_764_600_000_123.5 });

  it('frameFromImage (blur/replace background output) keeps index, timeMs, sourceId and arrivalMs', () => {
    const out = frameFromImage(source, { width: 2, height: 1, channels: 3, data: Uint8Array.of(1, 2, 3, 4, 5, 6) });
    expect(out).toMatchObject({ index: 7, timeMs: 233.6, sourceId: 'tcp://127.0.0.1:5000', arrivalMs: 1_764_600_000_123.5 });
    expect(Array.from(out.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('matteFrame keeps arrivalMs; a frame without one stays without', () => {
    const mask = { width: 2, height: 1, data: Uint8Array.of(0, 255) };
    const withMask = withResults(source, { mask } as never) as FrameWithMask;
    expect(matteFrame(withMask).arrivalMs).toBe(1_764_600_000_123.5);
    const plain = withResults(createFrame({ data: new Uint8Array(6), width: 2, height: 1 }), { mask } as never) as FrameWithMask;
    expect('arrivalMs' in matteFrame(plain)).toBe(false);
  });
});
