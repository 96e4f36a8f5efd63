import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTrackedJsonl } from './read-tracked-jsonl.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-jsonl-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
/** A JSONL file `name` in the temp folder holding `lines`. */
function jsonl(name: string, ...lines: string[]): string {
  const file = path.join(root, name);
  fs.writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return file;
}

describe('readTrackedJsonl', () => {
  it('faces per frame index; frames missing from the file stay empty; faces without id keep none', () => {
    const f = jsonl('run.jsonl', '{"frame":0,"faces":[{"id":1,"box":[0,0,10,10],"score":0.9}]}', '{"frame":2,"faces":[{"box":[5,5,9,9],"score":0.7}]}');
    expect(readTrackedJsonl(f)).toEqual([[{ id: 1, box: [0, 0, 10, 10] }], [], [{ box: [5, 5, 9, 9] }]]);
  });

  it('a line that is not a facepipe record names the line', () => {
    const f = jsonl('bad.jsonl', '{"frame":0,"faces":[]}', '{"frame":1}');
    expect(() => readTrackedJsonl(f)).toThrow(/bad.jsonl line 2: expected \{"frame": <integer >= 0>, "faces": \[...\]\}/);
    expect(() => readTrackedJsonl(path.join(root, 'none.jsonl'))).toThrow(/--predictions cannot be read/);
  });
});
