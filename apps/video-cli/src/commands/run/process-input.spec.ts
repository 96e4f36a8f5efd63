import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DecoderError, liveFfmpegCount, liveSessionCount, liveWorkerCount, probeVideo, readImage } from '@facepipe/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStagePipeline } from '../../stages/create-stage-pipeline.js';
import { InterruptedError } from './interrupted-error.js';
import { planOutputs } from '../../output/output-plan.js';
import { expectedFrameCount } from './expected-frame-count.js';
import { processInput } from './process-input.js';
import type { StagePipeline } from '../../stages/stage-pipeline.js';

const shared = process.env.FACEPIPE_SHARED!;
const hamilton = path.join(shared, 'data/video/short_hamilton_clip.mp4');
const photo = path.join(shared, 'data/photos/fr_two_people.jpg');

async function settle(check: () => boolean, ms = 3000): Promise<void> {
  const t0 = Date.now();
  while (!check() && Date.now() - t0 < ms) await new Promise((r) => setTimeout(r, 25));
}

describe('processInput (real decoder, detector in-process)', () => {
  let dir: string;
  let pipeline: StagePipeline;
  const sessions0 = liveSessionCount();
  const workers0 = liveWorkerCount();
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-process-'));
    pipeline = await createStagePipeline({ stages: ['detect'], detector: 'ultraface-rfb-320', landmarks: 'pfld-ghostone-98', pose: 'fsanet', segmenter: 'prisma-unet-256', int8: false, workers: 0 });
  });
  afterAll(async () => {
    await pipeline.dispose();
    expect(liveSessionCount()).toBe(sessions0);
    expect(liveWorkerCount()).toBe(workers0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes one line per sampled frame and renames outputs into place', async () => {
    const [plan] = planOutputs([{ path: hamilton, kind: 'video' }], path.join(dir, 'a'), { annotate: true, masks: false });
    let expected: number | undefined;
    const r = await processInput({ path: hamilton, kind: 'video' }, plan!, { every: 10, maxFrames: 6, maxInFlight: 4, faces: true }, pipeline, { onFrame() {}, onExpected: (n) => (expected = n) }, new AbortController().signal);
    expect(r.frames).toBe(6);
    expect(expected).toBe(6);
    const lines = fs.readFileSync(plan!.jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.frame)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(lines.every((l) => Array.isArray(l.faces))).toBe(true);
    expect(fs.readdirSync(path.dirname(plan!.jsonl)).sort()).toEqual(['short_hamilton_clip.annotated.mp4', 'short_hamilton_clip.jsonl']);
  });

  it('abort mid-stream: InterruptedError, no output left, ffmpeg children gone', async () => {
    const ff0 = liveFfmpegCount();
    const out = path.join(dir, 'b');
    const [plan] = planOutputs([{ path: hamilton, kind: 'video' }], out, { annotate: true, masks: false });
    const ac = new AbortController();
    let n = 0;
    const p = processInput({ path: hamilton, kind: 'video' }, plan!, { maxInFlight: 4, faces: true }, pipeline, { onFrame: () => void (++n === 3 && ac.abort('SIGINT')) }, ac.signal);
    await expect(p).rejects.toBeInstanceOf(InterruptedError);
    expect(fs.readdirSync(out)).toEqual([]);
    await settle(() => liveFfmpegCount() === ff0);
    expect(liveFfmpegCount()).toBe(ff0);
  });

  it('a corrupt file: DecoderError and nothing written', async () => {
    const bad = path.join(dir, 'bad.mp4');
    fs.writeFileSync(bad, 'not a video');
    const out = path.join(dir, 'c');
    const [plan] = planOutputs([{ path: bad, kind: 'video' }], out, { annotate: false, masks: false });
    await expect(processInput({ path: bad, kind: 'video' }, plan!, { maxInFlight: 4, faces: true }, pipeline, { onFrame() {} }, new AbortController().signal)).rejects.toBeInstanceOf(DecoderError);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('uses the probe it is given instead of probing again (a failed probe fails the input)', async () => {
    const out = path.join(dir, 'e');
    const [plan] = planOutputs([{ path: hamilton, kind: 'video' }], out, { annotate: false, masks: false });
    const probe = { ...(await probeVideo(hamilton)), frameCount: 1000 };
    let expected: number | undefined;
    const ac = new AbortController();
    const p = processInput({ path: hamilton, kind: 'video', probe }, plan!, { every: 10, maxInFlight: 4, faces: true }, pipeline, { onExpected: (n) => ((expected = n), ac.abort('SIGINT')) }, ac.signal);
    await expect(p).rejects.toBeInstanceOf(InterruptedError);
    expect(expected).toBe(100); // from the given frameCount; the clip's own 275 would give 28
    const failed = Promise.reject(new DecoderError('probe failed for the test', hamilton));
    await expect(processInput({ path: hamilton, kind: 'video', probe: failed }, plan!, { maxInFlight: 4, faces: true }, pipeline)).rejects.toThrow(/probe failed for the test/);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('an image gives exactly one line', async () => {
    const [plan] = planOutputs([{ path: photo, kind: 'image' }], path.join(dir, 'd'), { annotate: false, masks: false });
    const r = await processInput({ path: photo, kind: 'image' }, plan!, { maxInFlight: 4, faces: true }, pipeline, { onFrame() {} }, new AbortController().signal);
    expect(r.frames).toBe(1);
    const [line] = fs.readFileSync(plan!.jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(line.faces.length).toBeGreaterThanOrEqual(2);
  });

  it('an image uses the decode it is given (the run decodes one ahead); a failed one fails the input and writes nothing', async () => {
    const [plan] = planOutputs([{ path: photo, kind: 'image' }], path.join(dir, 'e'), { annotate: false, masks: false });
    const other = path.join(shared, 'data/photos/fr_biden.jpg');
    const given = readImage(other); // another photo: the line must describe it, not the file at `path`
    await processInput({ path: photo, kind: 'image', image: given }, plan!, { maxInFlight: 4, faces: true }, pipeline, { onFrame() {} }, new AbortController().signal);
    const [line] = fs.readFileSync(plan!.jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const [mine, theirs] = [await readImage(photo), await given];
    expect([theirs.width, theirs.height]).not.toEqual([mine.width, mine.height]);
    expect([line.width, line.height]).toEqual([theirs.width, theirs.height]);
    const [bad] = planOutputs([{ path: photo, kind: 'image' }], path.join(dir, 'f'), { annotate: false, masks: false });
    const failed = Promise.reject(new DecoderError('Could not decode image', photo, 'decode failed for the test'));
    await expect(processInput({ path: photo, kind: 'image', image: failed }, bad!, { maxInFlight: 4, faces: true }, pipeline)).rejects.toThrow(/decode failed for the test/);
    expect(fs.existsSync(bad!.jsonl)).toBe(false);
  });
});

describe('expectedFrameCount', () => {
  it('follows the sampling settings', () => {
    const info = { fps: 29.97, durationMs: 9176, frameCount: 275 };
    expect(expectedFrameCount(info, {})).toBe(275);
    expect(expectedFrameCount(info, { every: 3 })).toBe(92);
    expect(expectedFrameCount(info, { every: 3, maxFrames: 10 })).toBe(10);
    expect(expectedFrameCount(info, { fps: 5 })).toBe(46);
    expect(expectedFrameCount({ fps: 0, durationMs: 0 }, {})).toBeUndefined();
  });
});
