import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLiveJsonlWriter } from './live-jsonl-writer.js';

describe('createLiveJsonlWriter', () => {
  it('each record is a complete line in the file as soon as write returns', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fp-live-jsonl-')), 'a.jsonl');
    const w = createLiveJsonlWriter(file);
    w.write({ frame: 0 });
    expect(fs.readFileSync(file, 'utf8')).toBe('{"frame":0}\n');
    w.write({ frame: 1, faces: [] });
    expect(fs.readFileSync(file, 'utf8')).toBe('{"frame":0}\n{"frame":1,"faces":[]}\n');
    expect(w.lines).toBe(2);
    w.close();
    w.close();
    expect(() => w.write({ frame: 2 })).toThrow(/closed/);
  });

  it('writes to a function (stdout) line by line', () => {
    const out: string[] = [];
    const w = createLiveJsonlWriter((s) => out.push(s));
    w.write({ frame: 0 });
    w.write({ frame: 1 });
    expect(out).toEqual(['{"frame":0}\n', '{"frame":1}\n']);
  });
});
