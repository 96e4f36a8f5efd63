import { describe, expect, it } from 'vitest';
import { parseInputJob, type InputJobData } from './input-job.js';

const valid: InputJobData = {
  input: { path: '/mnt/v/a.mp4', kind: 'video' },
  size: 10,
  mtimeMs: 1,
  plan: { jsonl: '/mnt/o/a.jsonl', all: ['/mnt/o/a.jsonl'] },
  settings: { stages: ['detect'], detector: 'ultraface-rfb-320', landmarks: 'pfld-ghostone-98', pose: 'fsanet', segmenter: 'prisma-unet-256', int8: false, every: 2, annotate: false, masks: false },
  skipExisting: false,
};

describe('parseInputJob', () => {
  it('accepts a job as submit writes it (after a JSON round trip through Redis)', () => {
    expect(parseInputJob(JSON.parse(JSON.stringify(valid)))).toEqual(valid);
  });

  it.each([
    ['not an object', null, TypeError, /`job.data`/],
    ['no input path', { ...valid, input: { kind: 'video' } }, TypeError, /`job.data.input.path`/],
    ['unknown kind', { ...valid, input: { path: '/a', kind: 'audio' } }, RangeError, /`job.data.input.kind` to be one of `image`, `video`, got `audio`/],
    ['plan.all without the jsonl', { ...valid, plan: { jsonl: '/o/a.jsonl', all: [] } }, TypeError, /`job.data.plan.all`/],
    ['unknown stage', { ...valid, settings: { ...valid.settings, stages: ['detect', 'blur'] } }, RangeError, /`job.data.settings.stages\[\]`/],
    ['every 0', { ...valid, settings: { ...valid.settings, every: 0 } }, RangeError, /`job.data.settings.every` to be an integer >= 1, got `0`/],
    ['int8 as a string', { ...valid, settings: { ...valid.settings, int8: 'yes' } }, TypeError, /`job.data.settings.int8` to be a boolean/],
  ])('%s -> %s naming the field', (_, data, cls, msg) => {
    expect(() => parseInputJob(data)).toThrow(cls);
    expect(() => parseInputJob(data)).toThrow(msg);
  });
});
