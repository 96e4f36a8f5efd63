import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { partialPath } from '../output/atomic-output.js';
import { planOutputs } from '../output/output-plan.js';
import { removeJobPartials } from './remove-job-partials.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-job-partials-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('removeJobPartials', () => {
  it("removes every partial of the job's outputs (any pid, both name forms, folders too) and nothing else", () => {
    const [plan, other] = planOutputs([{ path: '/v/clip.mp4', kind: 'video' }, { path: '/v/clip2.mp4', kind: 'video' }], dir, { annotate: true, masks: true });
    const pid = 999_999; // a process that is alive elsewhere would look the same: pids mean nothing across machines
    const mine = [partialPath(plan!.jsonl, false, pid), partialPath(plan!.annotated!, true, pid), partialPath(plan!.jsonl, false, 12)];
    for (const f of mine) fs.writeFileSync(f, 'x');
    fs.mkdirSync(partialPath(plan!.masks!, false, pid));
    fs.writeFileSync(path.join(partialPath(plan!.masks!, false, pid), '000000.png'), 'x');
    const keep = [plan!.jsonl, partialPath(other!.jsonl, false, pid), path.join(dir, 'clip.jsonl.partial-abc'), path.join(dir, 'notes.txt')];
    for (const f of keep) fs.writeFileSync(f, 'x');
    const removed = removeJobPartials(plan!).sort();
    expect(removed).toEqual([...mine, partialPath(plan!.masks!, false, pid)].sort());
    expect(fs.readdirSync(dir).sort()).toEqual(keep.map((f) => path.basename(f)).sort());
  });

  it('a missing output folder is not an error', () => {
    const [plan] = planOutputs([{ path: '/v/x.mp4', kind: 'video' }], path.join(dir, 'nope'), { annotate: false, masks: false });
    expect(removeJobPartials(plan!)).toEqual([]);
  });
});
