import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonlFormatError } from './jsonl-format-error.js';
import { readFrameRecords } from './read-frame-records.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-read-records-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

describe('readFrameRecords', () => {
  it('reads valid lines in order and skips the trailing newline', () => {
    const p = file('ok.jsonl', '{"frame":0,"timeMs":0,"width":4,"height":2,"faces":[{"id":1,"box":[0,0,1,1],"score":0.9,"pose":{"yaw":1,"pitch":2,"roll":3}}]}\n{"frame":1,"timeMs":40,"width":4,"height":2,"mask":{"coverage":0.5}}\n');
    const recs = readFrameRecords(p);
    expect(recs.map((r) => r.frame)).toEqual([0, 1]);
    expect(recs[0]!.faces![0]!.pose!.roll).toBe(3);
    expect(recs[1]!.mask!.coverage).toBe(0.5);
  });

  it.each([
    ['not JSON', '{"frame":0,\n', /line 1: expected one JSON object per line/],
    ['missing width', '{"frame":0,"timeMs":0,"height":2}\n', /line 1: expected a frame record with numeric `frame`, `timeMs`, `width`, `height`/],
    ['bad face', '{"frame":0,"timeMs":0,"width":4,"height":2}\n{"frame":1,"timeMs":0,"width":4,"height":2,"faces":[{"box":[0,0,1],"score":1}]}\n', /line 2: expected faces\[0\] to be \{box:\[x1,y1,x2,y2\], score\}/],
    ['bad pose', '{"frame":0,"timeMs":0,"width":4,"height":2,"faces":[{"box":[0,0,1,1],"score":1,"pose":{"yaw":"a"}}]}\n', /faces\[0\]\.pose to be \{yaw, pitch, roll\} numbers/],
  ])('rejects %s with the file, line and expectation', (name, text, message) => {
    const p = file(`${name.replace(/ /g, '-')}.jsonl`, text);
    let err: unknown;
    try {
      readFrameRecords(p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JsonlFormatError);
    expect((err as Error).message).toContain(p);
    expect((err as Error).message).toMatch(message);
  });
});
