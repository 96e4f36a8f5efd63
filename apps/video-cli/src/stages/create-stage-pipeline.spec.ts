import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { liveSessionCount, liveWorkerCount, ModelLoadError, modelRegistry, readImage } from '@facepipe/core';
import type { Face } from '@facepipe/detector';
import { lastValueFrom, of } from 'rxjs';
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
