import { describe, expect, it } from 'vitest';
import type { JobSettings } from './input-job.js';
import { inputJobId } from './input-job-id.js';

const settings: JobSettings = { stages: ['detect'], detector: 'ultraface-rfb-320', landmarks: 'pfld-ghostone-98', pose: 'fsanet', segmenter: 'prisma-unet-256', int8: false, annotate: false, masks: false };
const file = { path: '/mnt/v/a.mp4', size: 1000, mtimeMs: 1_700_000_000_000.5 };

describe('inputJobId', () => {
  it('is deterministic and BullMQ-safe (no colon, not an integer)', () => {
    const id = inputJobId(file, settings, '/mnt/out/a.jsonl');
    expect(id).toBe(inputJobId({ ...file }, { ...settings }, '/mnt/out/a.jsonl'));
    expect(id).toMatch(/^fp-[0-9a-f]{40}$/);
  });

  it.each([
    ['path', () => inputJobId({ ...file, path: '/mnt/v/b.mp4' }, settings, '/mnt/out/a.jsonl')],
    ['size', () => inputJobId({ ...file, size: 1001 }, settings, '/mnt/out/a.jsonl')],
    ['mtime', () => inputJobId({ ...file, mtimeMs: file.mtimeMs + 1 }, settings, '/mnt/out/a.jsonl')],
    ['stages', () => inputJobId(file, { ...settings, stages: ['detect', 'landmarks'] }, '/mnt/out/a.jsonl')],
    ['every', () => inputJobId(file, { ...settings, every: 2 }, '/mnt/out/a.jsonl')],
    ['annotate', () => inputJobId(file, { ...settings, annotate: true }, '/mnt/out/a.jsonl')],
    ['output path', () => inputJobId(file, settings, '/mnt/other/a.jsonl')],
  ])('changes with the %s', (_, other) => {
    expect(other()).not.toBe(inputJobId(file, settings, '/mnt/out/a.jsonl'));
  });

  it('an absent optional setting and an undefined one give the same id', () => {
    expect(inputJobId(file, { ...settings, every: undefined } as unknown as JobSettings, '/o/a.jsonl')).toBe(inputJobId(file, settings, '/o/a.jsonl'));
  });
});
