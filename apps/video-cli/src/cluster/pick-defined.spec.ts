import { describe, expect, it } from 'vitest';
import { pickDefined } from './pick-defined.js';

describe('pickDefined', () => {
  it('keeps the named keys with a value, drops undefined ones and everything not named', () => {
    const r = pickDefined({ every: 3, fps: undefined, int8: false, out: 'o' } as { every?: number; fps?: number; int8: boolean; out: string }, ['every', 'fps', 'int8']);
    expect(r).toEqual({ every: 3, int8: false });
    expect('fps' in r).toBe(false);
  });
});
