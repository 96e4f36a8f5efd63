import { describe, expect, it } from 'vitest';
import { liveMaxInFlight } from './live-max-in-flight.js';

describe('liveMaxInFlight', () => {
  it('is 1 for one stage and 2 when stages can overlap', () => {
    expect(liveMaxInFlight(['detect'])).toBe(1);
    expect(liveMaxInFlight(['segment'])).toBe(1);
    expect(liveMaxInFlight(['detect', 'landmarks'])).toBe(2);
    expect(liveMaxInFlight(['detect', 'landmarks', 'pose', 'segment'])).toBe(2);
  });
});
