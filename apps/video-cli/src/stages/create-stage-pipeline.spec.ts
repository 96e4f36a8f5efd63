import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { liveSessionCount, liveWorkerCount, ModelLoadError, modelRegistry, readFrames, readImage, type Frame } from '@facepipe/core';
import type { Face } from '@facepipe/detector';
import { firstValueFrom, from, lastValueFrom, map, of, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createStagePipeline, type StagePipelineOptions } from './create-stage-pipeline.js';
import { UsageError } from '../shared/usage-error.js';

const base: StagePipelineOptions = { stages: ['detect', 'landmarks', 'pose', 'segment'], detector: 'ultraface-rfb-320', landmarks: 'pfld-ghostone-98', pose: 'fsanet', segmenter: 'prisma-unet-256', int8: false, workers: 1 };
const photo = path.join(process.env.FACEPIPE_SHARED!, 'data/photos/fr_two_people.jpg');

describe('createStagePipeline', () => {
  it('runs all four stages on a photo and releases every session and worker on dispose', async () => {
    const s0 = liveSessionCount();
    const w0 = liveWorkerCount();
    const p = await createStagePipeline(base);
    try {
      // one thread budget over the four sessions: never more threads than max(cores, sessions)
      expect(p.sessions.map((x) => x.stage)).toEqual(['detect', 'landmarks', 'fsanet', 'segment']);
      const total = p.sessions.reduce((a, x) => a + x.intraOpThreads!, 0);
      expect(total).toBe(Math.max(os.availableParallelism(), 4));
      const frame = await lastValueFrom(of(await readImage(photo)).pipe(p.operator()));
      const faces: readonly Face[] = frame.results.faces!;
      expect(faces.length).toBeGreaterThanOrEqual(2);
      expect(faces.every((f) => f.id !== undefined && f.landmarks?.length === 196 && f.pose !== undefined)).toBe(true);
      const mask = p.mask(frame)!;
      expect([mask.width, mask.height]).toEqual([frame.width, frame.height]);
      expect(mask.coverage).toBeGreaterThan(0.1);
      const png = await mask.png();
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      console.log(`pipeline on fr_two_people.jpg: ${faces.length} faces, poses ${faces.map((f) => `${f.pose!.yaw.toFixed(1)}/${f.pose!.pitch.toFixed(1)}/${f.pose!.roll.toFixed(1)}`).join(', ')}, mask coverage ${mask.coverage.toFixed(3)}`);
    } finally {
      await p.dispose();
    }
    expect(liveSessionCount()).toBe(s0);
    expect(liveWorkerCount()).toBe(w0);
  });

  it('detect-only gets the whole thread budget, and --threads overrides it', async () => {
    const p = await createStagePipeline({ ...base, stages: ['detect'] });
    const q = await createStagePipeline({ ...base, stages: ['detect', 'landmarks', 'pose'], threads: 2 });
    try {
      expect(p.sessions).toEqual([{ stage: 'detect', model: 'ultraface-rfb-320', intraOpThreads: os.availableParallelism() }]);
      expect(q.sessions.map((x) => [x.stage, x.intraOpThreads])).toEqual([['detect', 2], ['landmarks', 2], ['fsanet', 2]]);
      expect(p.mask({ results: {} } as never)).toBeUndefined();
    } finally {
      await Promise.all([p.dispose(), q.dispose()]);
    }
  });

  it('mode video follows faces by their landmarks on a video and keeps the exact path for images', async () => {
    const frames = await firstValueFrom(readFrames(path.join(process.env.FACEPIPE_SHARED!, 'data/video/driving.mp4')).pipe(take(12), toArray()));
    const exact = await createStagePipeline({ ...base, stages: ['detect', 'landmarks'], workers: 0 });
    const video = await createStagePipeline({ ...base, stages: ['detect', 'landmarks'], workers: 0, mode: 'video', detectEvery: 4 });
    try {
      const run = (p: typeof exact, kind: 'image' | 'video', input: readonly Frame[]) => lastValueFrom(from(input).pipe(p.operator(kind), map((f) => f.results.faces ?? []), toArray()));
      const [e, v] = [await run(exact, 'video', frames), await run(video, 'video', frames)];
      expect(v.map((faces) => faces.length)).toEqual(e.map((faces) => faces.length));
      expect(v.every((faces) => faces.every((f) => f.id === 1 && f.landmarks?.length === 196))).toBe(true);
      // detector frames (0, 4, 8) are identical to exact; the frames in between differ (crops from the landmarks)
      for (const i of [0, 4, 8]) expect(Array.from(v[i]![0]!.landmarks!)).toEqual(Array.from(e[i]![0]!.landmarks!));
      expect(Array.from(v[1]![0]!.landmarks!)).not.toEqual(Array.from(e[1]![0]!.landmarks!));
      const still = [await readImage(photo)];
      expect(await run(video, 'image', still)).toEqual(await run(exact, 'image', still));
    } finally {
      await exact.dispose();
      await video.dispose();
    }
  });

  it('a failing stage closes the models already opened', async () => {
    const s0 = liveSessionCount();
    const w0 = liveWorkerCount();
    const cache = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-cache-'));
    try {
      await expect(createStagePipeline({ ...base, workers: 0, stages: ['detect', 'pose'], pose: 'model' })).rejects.toBeInstanceOf(UsageError);
      // the detector is not quantized here: --int8 fails before anything opens; an unknown segmenter id fails after detect/landmarks opened
      await expect(createStagePipeline({ ...base, workers: 0, int8: true })).rejects.toBeInstanceOf(ModelLoadError);
      await expect(createStagePipeline({ ...base, workers: 0, segmenter: 'no-such-model' })).rejects.toThrow(new UsageError("--segmenter 'no-such-model' is neither a model id nor an existing file (ids: " + modelRegistry.list().map((s) => s.id).join(', ') + "; see 'facepipe models list')"));
    } finally {
      if (cache === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = cache;
    }
    expect(liveSessionCount()).toBe(s0);
    expect(liveWorkerCount()).toBe(w0);
  });
});
