import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsonlWriter } from './jsonl-writer.js';
import { OutputWriteError } from './output-write-error.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-jsonl-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('createJsonlWriter', () => {
  it('writes one JSON object per line', async () => {
    const file = path.join(tmp, 'a.jsonl');
    const w = createJsonlWriter(file);
    w.write({ frame: 0 });
    w.write({ frame: 1, faces: [] });
    await w.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('{"frame":0}\n{"frame":1,"faces":[]}\n');
    expect(w.lines).toBe(2);
  });

  it('a full disk (ENOSPC, /dev/full) rejects close with OutputWriteError naming the output, not just "write"', async () => {
    const w = createJsonlWriter('/dev/full', 'out/clip.jsonl');
    w.write({ frame: 0, pad: 'x'.repeat(70_000) });
    const err = await w.close().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputWriteError);
    expect(err).toMatchObject({ name: 'OutputWriteError', path: 'out/clip.jsonl', code: 'ENOSPC' });
    expect((err as Error).message).toMatch(/^Could not write out\/clip\.jsonl: ENOSPC: no space left on device/);
  });
});
