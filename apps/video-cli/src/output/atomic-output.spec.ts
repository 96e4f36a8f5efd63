import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicOutput, partialPath, RUN_ID } from './atomic-output.js';
import { removeStalePartials } from './remove-stale-partials.js';
import { createJsonlWriter } from './jsonl-writer.js';

describe('atomicOutput', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-atomic-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names partial files with the pid and the run id, optionally keeping the extension last', () => {
    expect(partialPath('/o/clip.jsonl', false, 42, 'ab12')).toBe('/o/clip.jsonl.partial-42-ab12');
    expect(partialPath('/o/clip.annotated.mp4', true, 42, 'ab12')).toBe('/o/clip.annotated.partial-42-ab12.mp4');
    expect(partialPath('/o/clip.jsonl', false)).toBe(`/o/clip.jsonl.partial-${process.pid}-${RUN_ID}`);
    expect(RUN_ID).toMatch(/^[0-9a-f]{12}$/);
  });

  it('a folder commit replaces an existing final folder whole (no old file survives)', () => {
    const final = path.join(dir, 'c.masks');
    fs.mkdirSync(final);
    for (const n of ['000000.png', '000001.png', '000002.png']) fs.writeFileSync(path.join(final, n), 'old');
    const out = atomicOutput(final, { directory: true });
    fs.mkdirSync(out.tempPath);
    fs.writeFileSync(path.join(out.tempPath, '000000.png'), 'new');
    out.commit();
    expect(fs.readdirSync(dir)).toEqual(['c.masks']);
    expect(fs.readdirSync(final)).toEqual(['000000.png']);
    expect(fs.readFileSync(path.join(final, '000000.png'), 'utf8')).toBe('new');
  });

  it('makes the final file appear only on commit', async () => {
    const out = atomicOutput(path.join(dir, 'a.jsonl'));
    const w = createJsonlWriter(out.tempPath);
    w.write({ frame: 0 });
    w.write({ frame: 1 });
    await w.close();
    expect(fs.existsSync(out.path)).toBe(false);
    out.commit();
    expect(fs.readFileSync(out.path, 'utf8')).toBe('{"frame":0}\n{"frame":1}\n');
    expect(fs.existsSync(out.tempPath)).toBe(false);
  });

  it('abort removes the partial file and leaves no final file', () => {
    const out = atomicOutput(path.join(dir, 'b.jsonl'));
    fs.writeFileSync(out.tempPath, 'half');
    out.abort();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a JSONL writer destroyed at once leaves no file behind once aborted', async () => {
    const out = atomicOutput(path.join(dir, 'gone.jsonl'));
    const w = createJsonlWriter(out.tempPath);
    await w.destroy();
    out.abort();
    await new Promise((r) => setTimeout(r, 50));
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('removes stale partials of dead processes, and of an earlier run that had this PID; keeps live runs\' and its own', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const live = String(process.ppid);
    fs.writeFileSync(path.join(dir, `x.jsonl.partial-${dead}-0a1b`), '');
    fs.mkdirSync(path.join(dir, `x.masks.partial-${dead}-0a1b`));
    fs.writeFileSync(path.join(dir, `x.annotated.partial-${dead}-0a1b.mp4`), '');
    fs.mkdirSync(path.join(dir, `x.masks.partial-${dead}-0a1b.replaced-2`));
    fs.writeFileSync(path.join(dir, `old.jsonl.partial-${dead}`), '');
    // same PID, other run id (a killed run whose PID this process got again), and the old pid-only name
    fs.mkdirSync(path.join(dir, `y.masks.partial-${process.pid}-0a1b`));
    fs.writeFileSync(path.join(dir, `y.jsonl.partial-${process.pid}`), '');
    fs.writeFileSync(path.join(dir, `other.jsonl.partial-${live}-0a1b`), '');
    fs.writeFileSync(path.join(dir, `mine.jsonl.partial-${process.pid}-${RUN_ID}`), '');
    fs.writeFileSync(path.join(dir, 'done.jsonl'), '');
    expect(removeStalePartials(dir)).toHaveLength(7);
    expect(fs.readdirSync(dir).sort()).toEqual(['done.jsonl', `mine.jsonl.partial-${process.pid}-${RUN_ID}`, `other.jsonl.partial-${live}-0a1b`]);
  });
});
