import { createFrame } from '@facepipe/core';
import { describe, expect, it } from 'vitest';
import { frameRecord } from './frame-record.js';

describe('frameRecord', () => {
  const frame = createFrame({
    width: 4,
    height: 2,
    index: 7,
    timeMs: 233.56666,
    data: new Uint8Array(24),
    results: { faces: [{ id: 1, box: [1.234, 2.345, 3.456, 4.567], score: 0.987654, landmarks: new Float32Array([1.111, 2.222, 3.333, 4.444]), pose: { yaw: 12.345, pitch: -3.21, roll: 0.004 } }] },
  });
  it('follows the documented JSONL schema', () => {
    expect(JSON.stringify(frameRecord(frame, { faces: true, mask: { file: 'a.masks/000007.png', coverage: 0.123456 } }))).toBe(
      '{"frame":7,"timeMs":233.57,"width":4,"height":2,"faces":[{"id":1,"box":[1.23,2.35,3.46,4.57],"score":0.9877,"landmarks":[[1.11,2.22],[3.33,4.44]],"pose":{"yaw":12.35,"pitch":-3.21,"roll":0}}],"mask":{"file":"a.masks/000007.png","coverage":0.1235}}',
    );
  });
  it('omits fields of stages that did not run', () => {
    expect(frameRecord(frame, { faces: false })).toEqual({ frame: 7, timeMs: 233.57, width: 4, height: 2 });
    expect(frameRecord(createFrame({ width: 1, height: 1, data: new Uint8Array(3) }), { faces: true, mask: { coverage: 0.5 } })).toEqual({ frame: 0, timeMs: 0, width: 1, height: 1, faces: [], mask: { coverage: 0.5 } });
  });
});
