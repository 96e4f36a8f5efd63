import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareRunRecord } from './compare-run-record.js';
import { planOutputs } from './output-plan.js';
import { runRecordPath, writeRunRecord, type RunRecord } from './run-record.js';

describe('compareRunRecord', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-record-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const expected: Omit<RunRecord, 'frames'> = {
    facepipe: 1,
    input: { path: '/v/clip.mp4', size: 1000, mtimeMs: 5 },
    settings: { '--stages': 'detect', '--every': null, '--annotate': true },
    models: { detector: { model: 'ultraface-rfb-320', sha256: 'a'.repeat(64) } },
  };
  const setup = (record: RunRecord | undefined, lines = 3) => {
    const [plan] = planOutputs([{ path: '/v/clip.mp4', kind: 'video' }], dir, { annotate: true, masks: false });
    fs.writeFileSync(plan!.jsonl, '{}\n'.repeat(lines));
    fs.writeFileSync(plan!.annotated!, 'mp4');
    if (record) writeRunRecord(plan!.jsonl, record);
    return plan!;
  };

  it('keeps outputs whose record matches, and writes the record atomically beside the JSONL', () => {
    const plan = setup({ ...expected, frames: 3 });
    expect(runRecordPath(plan.jsonl)).toBe(path.join(dir, 'clip.facepipe.json'));
    expect(fs.readdirSync(dir).sort()).toEqual(['clip.annotated.mp4', 'clip.facepipe.json', 'clip.jsonl']);
    expect(compareRunRecord(plan, expected)).toBeUndefined();
  });

  it('names what differs', () => {
    expect(compareRunRecord(setup(undefined), expected)).toBe('no record of what produced clip.jsonl (clip.facepipe.json missing)');
    expect(compareRunRecord(setup({ ...expected, frames: 3, settings: { ...expected.settings, '--stages': 'detect,landmarks', '--every': 3 } }), expected)).toBe(
      'settings differ: --stages detect,landmarks -> detect; --every 3 -> none',
    );
    expect(compareRunRecord(setup({ ...expected, frames: 3, input: { ...expected.input, mtimeMs: 4 } }), expected)).toBe('the input changed since (size or modification time)');
    expect(compareRunRecord(setup({ ...expected, frames: 3, models: { detector: { model: '/m/other.onnx', sha256: 'b'.repeat(64) } } }), expected)).toBe(
      'models differ: detector /m/other.onnx -> ultraface-rfb-320 (sha256 bbbbbbbbbbbb -> aaaaaaaaaaaa)',
    );
    expect(compareRunRecord(setup({ ...expected, frames: 275 }, 3), expected)).toBe('clip.jsonl has 3 lines, 275 recorded');
    const plan = setup({ ...expected, frames: 3 });
    fs.rmSync(plan.annotated!);
    expect(compareRunRecord(plan, expected)).toBe('clip.annotated.mp4 missing');
  });
});
