import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstValueFrom, from, lastValueFrom, Subject, take, throwError, toArray } from 'rxjs';
import { liveWorkerCount, ModelLoadError, readFrames, readImage, type Frame } from '@facepipe/core';
import { detectFaces } from './detect-faces.js';
import { FaceDetector } from './face-detector.js';

const shared = process.env.FACEPIPE_SHARED!;
const hamilton = path.join(shared, 'data/video/short_hamilton_clip.mp4');

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('detectFaces', () => {
  it('with 2 workers and 3 frames in flight, emits every frame in input order with the same faces as detect()', async () => {
    const workers = liveWorkerCount();
    const frames = await lastValueFrom(readFrames(hamilton, { every: 10 }).pipe(toArray()));
    const out = await lastValueFrom(from(frames).pipe(detectFaces({ workers: 2, concurrency: 3 }), toArray()));
    expect(out.map((f) => f.index)).toEqual(frames.map((f) => f.index));
    await waitFor(() => liveWorkerCount() === workers);
    const ref = await FaceDetector.create({ workers: 0 });
    for (const [k, f] of out.entries()) {
      expect(f.data).toBe(frames[k]!.data); // pixels shared, not copied
      expect(frames[k]!.results.faces).toBeUndefined(); // input frame untouched
      if (k % 7 === 0) expect(f.results.faces).toEqual(await ref.detect(frames[k]!));
    }
    await ref.dispose();
    console.log(`[detectFaces] ${out.length} frames, faces per frame: ${out.map((f) => f.results.faces.length).join('')}`);
  });

  it('a detector passed in is used and not disposed; its worker count sets the default concurrency', async () => {
    const detector = await FaceDetector.create({ workers: 1 });
    const img = await readImage(path.join(shared, 'data/photos/fr_two_people.jpg'));
    const out = await lastValueFrom(from([img, img]).pipe(detectFaces(detector), toArray()));
    expect(out.map((f) => f.results.faces.length)).toEqual([2, 2]);
    expect(await detector.detect(img)).toHaveLength(2); // still usable
    // the options form shares the detector with more frames in flight than workers, order kept
    const many = await lastValueFrom(from([0, 1, 2, 3].map((i) => ({ ...img, index: i }))).pipe(detectFaces({ detector, concurrency: 3 }), toArray()));
    expect(many.map((f) => [f.index, f.results.faces.length])).toEqual([[0, 2], [1, 2], [2, 2], [3, 2]]);
    expect(await detector.detect(img)).toHaveLength(2);
    expect(() => detectFaces({ detector: {} as FaceDetector })).toThrow(TypeError);
    await detector.dispose();
  });

  it('unsubscribing mid-stream kills the decoder and disposes the workers it created', async () => {
    const workers = liveWorkerCount();
    const first = await firstValueFrom(readFrames(hamilton).pipe(detectFaces({ workers: 1 }), take(3), toArray()));
    expect(first.map((f) => f.index)).toEqual([0, 1, 2]);
    await waitFor(() => liveWorkerCount() === workers);
  });

  it('errors: a wrong model arrives as a ModelLoadError notification, source errors pass through, bad options throw at once', async () => {
    const frames = new Subject<Frame>();
    const p = lastValueFrom(frames.pipe(detectFaces({ model: 'scrfd-500m', workers: 0 })));
    frames.complete();
    await expect(p).rejects.toBeInstanceOf(ModelLoadError);
    await expect(p).rejects.toThrow(/head "scrfd"/);
    await expect(lastValueFrom(throwError(() => new Error('boom')).pipe(detectFaces({ workers: 0 })))).rejects.toThrow('boom');
    expect(() => detectFaces({ concurrency: 0 })).toThrow(/`concurrency`/);
    // An empty source completes without frames.
    expect(await lastValueFrom(from([] as Frame[]).pipe(detectFaces({ workers: 0 }), toArray()))).toEqual([]);
  });
});
