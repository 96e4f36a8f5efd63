import path from 'node:path';
import { from } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { liveFfmpegCount, modelRegistry, readImage } from '@facepipe/core';
import { CalibrationError } from './errors.js';
import { loadCalibrationSamples } from './load-calibration-samples.js';

const shared = process.env.FACEPIPE_SHARED!;
const prisma = modelRegistry.get('prisma-unet-256')!.input;

describe('loadCalibrationSamples', () => {
  it('takes every 10th frame of a real video, stops at maxSamples and leaves no ffmpeg behind', async () => {
    const samples = await loadCalibrationSamples(path.join(shared, 'data/video/driving.mp4'), prisma, { maxSamples: 3, every: 10 });
    expect(samples.map((s) => s.dims)).toEqual([[1, 3, 256, 256], [1, 3, 256, 256], [1, 3, 256, 256]]);
    // Prisma input is pixel / 255
    let max = 0;
    for (const v of samples[0].data) max = Math.max(max, v);
    expect(max).toBeGreaterThan(0.5);
    expect(max).toBeLessThanOrEqual(1);
    expect(samples[0].data).not.toEqual(samples[1].data);
    // unsubscribing kills ffmpeg; the child's exit is reported asynchronously
    for (let i = 0; i < 50 && liveFfmpegCount() > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(liveFfmpegCount()).toBe(0);
  });

  it('accepts any Observable<Frame> and image path lists, with a custom preprocess', async () => {
    const a = await readImage(path.join(shared, 'data/photos/anil_kid8.jpg'));
    const b = await readImage(path.join(shared, 'data/photos/fr_obama-480p.jpg'));
    const fromStream = await loadCalibrationSamples(from([a, b]), prisma);
    expect(fromStream).toHaveLength(2);
    const fromPaths = await loadCalibrationSamples([path.join(shared, 'data/photos/anil_kid8.jpg')], prisma);
    expect(fromPaths[0].data).toEqual(fromStream[0].data);
    const twice = await loadCalibrationSamples([a], undefined, { preprocess: () => [fromStream[0], fromStream[0]], maxSamples: 3 });
    expect(twice).toHaveLength(2);
  });

  it('names an empty stream and a missing folder', async () => {
    await expect(loadCalibrationSamples(from([]), prisma)).rejects.toBeInstanceOf(CalibrationError);
    await expect(loadCalibrationSamples(path.join(shared, 'no-such-folder'), prisma)).rejects.toThrow(/does not exist/);
    await expect(loadCalibrationSamples([], prisma, { maxSamples: 0 })).rejects.toThrow(RangeError);
  });
});
