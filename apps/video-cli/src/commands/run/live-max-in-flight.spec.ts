import { describe, expect, it } from 'vitest';
import { liveMaxInFlight } from './live-max-in-flight.js';

describe('liveMaxInFlight', () => {
  it('is 2 when stages can overlap, 1 for one stage or with the segmenter', () => {
    expect(liveMaxInFlight(['detect'])).toBe(1);
    expect(liveMaxInFlight(['segment'])).toBe(1);
    expect(liveMaxInFlight(['detect', 'landmarks'])).toBe(2);
    expect(liveMaxInFlight(['detect', 'landmarks', 'pose'])).toBe(2);
    expect(liveMaxInFlight(['detect', 'landmarks', 'pose', 'segment'])).toBe(1);
  });
});
