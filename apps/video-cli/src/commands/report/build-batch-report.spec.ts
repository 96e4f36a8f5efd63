import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../shared/usage-error.js';
import { buildBatchReport } from './build-batch-report.js';
import { writeRunManifest } from './run-manifest.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-batch-report-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const line = (frame: number, faces: unknown[]) => JSON.stringify({ frame, timeMs: frame * 40, width: 64, height: 48, faces });

describe('buildBatchReport', () => {
  it('rejects a missing folder and a folder without results, naming them', () => {
    expect(() => buildBatchReport(path.join(dir, 'nope'))).toThrow(UsageError);
    expect(() => buildBatchReport(path.join(dir, 'nope'))).toThrow(/Expected `out-dir` to be an existing folder, got ".*nope"/);
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    expect(() => buildBatchReport(empty)).toThrow(/to hold facepipe-run.json or <name>.jsonl files/);
  });

  it('without a manifest: every JSONL is a done input with unknown fps; thumbnails are inlined', () => {
    const out = path.join(dir, 'plain');
    fs.mkdirSync(path.join(out, 'clip.thumbs'), { recursive: true });
    fs.writeFileSync(path.join(out, 'clip.jsonl'), [line(0, [{ id: 4, box: [0, 0, 9, 9], score: 0.9 }]), line(1, [])].join('\n') + '\n');
    fs.writeFileSync(path.join(out, 'clip.thumbs', '4.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    const batch = buildBatchReport(out);
    expect(batch.stages).toEqual(['detect']);
    const [inp] = batch.inputs;
    expect(inp).toMatchObject({ name: 'clip', status: 'done', frames: 2, fps: null, framesWithFace: 1, tracks: 1, links: { jsonl: 'clip.jsonl' } });
    expect(inp!.series!.tracks[0]!.thumb).toBe('data:image/jpeg;base64,/9j/2Q==');
    // a JSONL rewritten after the thumbnails (a later run without --report): its thumbnails are not shown
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(out, 'clip.jsonl'), later, later);
    expect(buildBatchReport(out).inputs[0]!.series!.tracks[0]!.thumb).toBeUndefined();
  });

  it('with a manifest: failed inputs keep their error and have no series', () => {
    const out = path.join(dir, 'run');
    fs.mkdirSync(out);
    const jsonl = path.join(out, 'a.jsonl');
    fs.writeFileSync(jsonl, line(0, []) + '\n');
    writeRunManifest({
      ok: false, interrupted: false, done: 1, skipped: 0, failed: 1, damaged: 0, frames: 1, elapsedMs: 10, fps: 100, out, stages: ['detect'],
      files: [
        { input: '/v/a.mp4', kind: 'video', status: 'done', frames: 1, elapsedMs: 10, fps: 100, outputs: [jsonl, path.join(out, 'a.annotated.mp4')] },
        { input: '/v/b.mp4', kind: 'video', status: 'failed', frames: 0, elapsedMs: 1, fps: 0, outputs: [path.join(out, 'b.jsonl')], error: 'DecoderError: moov atom not found' },
      ],
    });
    const batch = buildBatchReport(out);
    expect(batch.inputs.map((i) => [i.name, i.status, i.fps, i.error, i.series === undefined])).toEqual([
      ['a', 'done', 100, undefined, false],
      ['b', 'failed', null, 'DecoderError: moov atom not found', true],
    ]);
    // the annotated video was planned but is not there: no link to it
    expect(batch.inputs[0]!.links).toEqual({ jsonl: 'a.jsonl' });
  });
});
