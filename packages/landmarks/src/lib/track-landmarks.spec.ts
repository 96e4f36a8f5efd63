import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Subject, firstValueFrom, from, map, take, toArray, type Observable } from 'rxjs';
import { readFrames, type Face, type Frame, type ImageData8 } from '@facepipe/core';
import { detectFaces, FaceDetector, trackFaces } from '@facepipe/detector';
import { detectLandmarks } from './detect-landmarks.js';
import { LandmarkDetector } from './landmark-detector.js';
import { DEFAULT_DETECT_EVERY, trackLandmarks } from './track-landmarks.js';
import { shared } from '../test-support/eval-faces.js';
import { compareFaceRuns, type FaceRun } from '../test-support/compare-face-runs.js';

// The CLI's settings (apps/video-cli stages: detector score 0.5, ByteTrack high score 0.6, ids after 3 hits).
const TRACK = { highScore: 0.6, minHits: 3 } as const;
const EVERY = DEFAULT_DETECT_EVERY;
const clip = (name: string) => path.join(shared, 'data/video', name);

let detector: FaceDetector;
let landmarks: LandmarkDetector;

beforeAll(async () => {
  detector = await FaceDetector.create({ workers: 0, scoreThreshold: 0.5 });
  landmarks = await LandmarkDetector.create({ workers: 0 });
});
afterAll(async () => {
  await detector?.dispose();
  await landmarks?.dispose();
});

/** The first `n` frames of a shared clip. */
const firstFrames = (name: string, n: number) => firstValueFrom(readFrames(clip(name)).pipe(take(n), toArray()));
/** The real detector behind a recorder of the frames it is asked about; `miss` frames get no faces, `delayMs` delays the answer. */
const recordingDetector = (seen: number[], opts: { miss?: readonly number[]; delayMs?: (index: number) => number } = {}) => ({
  async detect(image: ImageData8): Promise<readonly Face[]> {
    const i = (image as Frame).index;
    seen.push(i);
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs!(i)));
    return opts.miss?.includes(i) ? [] : detector.detect(image);
  },
});
const facesOf = (frames$: Observable<Frame>): Promise<FaceRun> => firstValueFrom(frames$.pipe(map((f) => f.results.faces ?? []), toArray()));
const exactRun = (file: string) => facesOf(readFrames(file).pipe(detectFaces({ detector }), trackFaces(TRACK), detectLandmarks({ detector: landmarks })));
const videoRun = (file: string, detectEvery = EVERY, det: { detect(image: ImageData8): Promise<readonly Face[]> } = detector) =>
  facesOf(readFrames(file).pipe(trackLandmarks({ detector: det, landmarks, detectEvery }), trackFaces(TRACK)));

describe('trackLandmarks (video mode) against the exact mode on the shared clips', () => {
  for (const [name, file] of [['hamilton', 'short_hamilton_clip.mp4'], ['driving', 'driving.mp4']] as const) {
    it(`${name}: >= 99% of the face-frames, landmark deviation <= 0.03 IOD, new faces within ${EVERY} frames, no extra id switches`, async () => {
      const calls: number[] = [];
      const exact = await exactRun(clip(file));
      const video = await videoRun(clip(file), EVERY, recordingDetector(calls));
      const c = compareFaceRuns(exact, video, EVERY);
      console.log(`[video mode] ${name} detectEvery ${EVERY}: detector on ${calls.length}/${c.frames} frames, ${JSON.stringify(c)}`);
      expect(c.frames).toBeGreaterThan(100);
      expect(c.faceFrameRatio).toBeGreaterThanOrEqual(0.99);
      // per face too, for the faces of confirmed tracks (the exact mode's unconfirmed one-frame flickers are only seen on detection frames)
      expect(c.matchedIdentifiedFaces / c.referenceIdentifiedFaces).toBeGreaterThanOrEqual(0.99);
      expect(c.meanLandmarkDeviation).toBeLessThanOrEqual(0.03);
      expect(c.newTracksFoundInWindow).toBe(c.newTracks);
      expect(c.idSwitches).toBe(0);
      expect(c.candidateIds).toBeLessThanOrEqual(c.referenceIds);
      expect(calls.length).toBeLessThan(0.75 * c.frames); // the point of the mode: the detector skips frames
      if (name === 'driving') {
        expect(c.referenceFaceFrames).toBe(169);
        expect(video.filter((faces) => faces.length > 0).length).toBe(169);
      }
    }, 120_000);
  }
});

describe('trackLandmarks', () => {
  it('with detectEvery 1 gives exactly the faces and landmarks of detectFaces + detectLandmarks', async () => {
    const frames = await firstFrames('short_hamilton_clip.mp4', 12);
    const exact = await facesOf(from(frames).pipe(detectFaces({ detector }), detectLandmarks({ detector: landmarks })));
    const video = await facesOf(from(frames).pipe(trackLandmarks({ detector, landmarks, detectEvery: 1 })));
    expect(video.map((fs) => fs.map((f) => [f.box, Array.from(f.landmarks ?? [])]))).toEqual(exact.map((fs) => fs.map((f) => [f.box, Array.from(f.landmarks ?? [])])));
  });

  it('runs the detector on schedule, when no face is followed, and again after a detection misses a followed face', async () => {
    const frames = await firstFrames('driving.mp4', 24);
    const seen: number[] = [];
    // the real detector, except that it "misses" on frame 10 and finds nothing on 15-16
    const scripted = recordingDetector(seen, { miss: [10, 15, 16] });
    const out = await facesOf(from(frames).pipe(trackLandmarks({ detector: scripted, landmarks, detectEvery: 5 })));
    // 0, 5, 10, 15, 20: schedule; 10 misses the followed face -> 11 looks again and finds it; 15 misses -> 16 finds nothing (no face followed) -> 17 finds it
    expect(seen.sort((a, b) => a - b)).toEqual([0, 5, 10, 11, 15, 16, 17, 20]);
    expect(out.map((fs) => fs.length)).toEqual(frames.map((f) => ([10, 15, 16].includes(f.index) ? 0 : 1)));
    for (const fs of out) for (const f of fs) expect(f.landmarks?.length).toBe(196);
  });

  it('runs the detector at once on a scene cut (a big change of the whole picture)', async () => {
    const driving = await firstFrames('driving.mp4', 8);
    // frames 6 and 7 brightened by 70 levels: same face, same place, but every pixel changed (a lighting cut)
    const frames = driving.map((f) => (f.index < 6 ? f : { ...f, data: f.data.map((v) => Math.min(255, v + 70)) }));
    const seen: number[] = [];
    const counting = recordingDetector(seen);
    const run = async (cutThreshold?: number) => {
      seen.length = 0;
      const out = await firstValueFrom(from(frames).pipe(trackLandmarks({ detector: counting, landmarks, detectEvery: 100, ...(cutThreshold !== undefined ? { cutThreshold } : {}) }), toArray()));
      expect(out.every((f) => f.results.faces.length === 1)).toBe(true);
      return [...seen];
    };
    expect(await run()).toEqual([0, 6]);
    expect(await run(1)).toEqual([0]); // cut detection off: the face is simply followed
  });

  it('keeps frame order with a detection in flight ahead of the landmarks, and stops calling the detector on unsubscribe', async () => {
    const frames = await firstFrames('driving.mp4', 9);
    const seen: number[] = [];
    // the real detector behind delays that let a later detection finish first
    const slow = recordingDetector(seen, { delayMs: (i) => (i % 4 === 0 ? 80 : 5) });
    const out = await firstValueFrom(from(frames).pipe(trackLandmarks({ detector: slow, landmarks, detectEvery: 2 }), toArray()));
    expect(out.map((f) => f.index)).toEqual(frames.map((f) => f.index));
    expect(out.every((f) => f.results.faces.length === 1)).toBe(true);
    expect(seen).toEqual([0, 2, 4, 6, 8]);

    seen.length = 0;
    const src = new Subject<Frame>();
    const sub = src.pipe(trackLandmarks({ detector: slow, landmarks, detectEvery: 1 })).subscribe();
    src.next(frames[0]!);
    sub.unsubscribe();
    for (const f of frames.slice(1)) src.next(f);
    await new Promise((r) => setTimeout(r, 150));
    expect(seen.filter((i) => i > 0)).toEqual([]); // frame 0 may have started before the unsubscribe
  });

  it('rejects bad options synchronously, naming them', () => {
    expect(() => trackLandmarks({ detector, landmarks, detectEvery: 0 })).toThrow(/detectEvery/);
    expect(() => trackLandmarks({ detector: {} as never, landmarks })).toThrow(/detector/);
    expect(() => trackLandmarks({ detector, landmarks: {} as never })).toThrow(/landmarks/);
    expect(() => trackLandmarks({ detector, landmarks, maxScaleChange: 0.5 })).toThrow(/maxScaleChange/);
    expect(() => trackLandmarks({ detector, landmarks, cutThreshold: 2 })).toThrow(/cutThreshold/);
  });
});
