import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicOutput, partialPath } from './atomic-output.js';
import { removeStalePartials } from './remove-stale-partials.js';
import { createJsonlWriter } from './jsonl-writer.js';

describe('atomicOutput', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-atomic-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names partial files with the pid, optionally keeping the extension last', () => {
    expect(partialPath('/o/clip.jsonl', false, 42)).toBe('/o/clip.jsonl.partial-42');
    expect(partialPath('/o/clip.annotated.mp4', true, 42)).toBe('/o/clip.annotated.partial-42.mp4');
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

  it('removes stale partials of dead processes only', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    fs.writeFileSync(path.join(dir, `x.jsonl.partial-${dead}`), '');
    fs.mkdirSync(path.join(dir, `x.masks.partial-${dead}`));
    fs.writeFileSync(path.join(dir, `x.annotated.partial-${dead}.mp4`), '');
    fs.writeFileSync(path.join(dir, `mine.jsonl.partial-${process.pid}`), '');
    fs.writeFileSync(path.join(dir, 'done.jsonl'), '');
    expect(removeStalePartials(dir)).toHaveLength(3);
    expect(fs.readdirSync(dir).sort()).toEqual(['done.jsonl', `mine.jsonl.partial-${process.pid}`]);
  });
});
