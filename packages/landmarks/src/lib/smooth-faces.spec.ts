import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { from, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createFrame, readFrames, withResults, type Frame } from '@facepipe/core';
import { detectFaces, trackFaces, type Face } from '@facepipe/detector';
import { detectLandmarks } from './detect-landmarks.js';
import { smoothFaces, type SmoothFacesOptions } from './smooth-faces.js';
import { shared } from '../test-support/eval-faces.js';

const tiny = (index: number, faces: Face[]): Frame =>
  withResults(createFrame({ data: new Uint8Array(3), width: 1, height: 1, index, timeMs: index * 40 }), { faces });

describe('smoothFaces (marbles)', () => {
  it('passes frames through in order, one out per one in, and unsubscribes from the source', () => {
    const ts = new TestScheduler((a, b) => expect(a).toEqual(b));
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const f = (i: number, x: number) => tiny(i, [{ box: [x, 0, x + 10, 10], score: 1, id: 7 }]);
      const src = cold('a-b-c-|', { a: f(0, 0), b: f(1, 0), c: f(2, 0) });
      const out = src.pipe(smoothFaces());
      expectObservable(out, '^----!').toBe('a-b-c-', { a: f(0, 0), b: f(1, 0), c: f(2, 0) });
      expectSubscriptions(src.subscriptions).toBe('^----!');
    });
  });

  it('smooths a jump per track id, leaves id-less faces alone, and restarts a track after maxAge', async () => {
    const frames = [
      tiny(0, [{ box: [0, 0, 10, 10], score: 1, id: 1 }, { box: [0, 0, 10, 10], score: 1 }]),
      tiny(1, [{ box: [20, 0, 30, 10], score: 1, id: 1 }, { box: [20, 0, 30, 10], score: 1 }]),
      tiny(2, []),
      tiny(3, []),
      tiny(4, [{ box: [40, 0, 50, 10], score: 1, id: 1 }]),
    ];
    const out = await lastValueFrom(from(frames).pipe(smoothFaces({ maxAge: 1 }), toArray()));
    const x1 = out[1]!.results.faces![0]!.box[0];
    expect(x1).toBeGreaterThan(0);
    expect(x1).toBeLessThan(20);
    expect(out[1]!.results.faces![1]!.box[0]).toBe(20);
    expect(out[4]!.results.faces![0]!.box[0]).toBe(40); // state dropped after 2 missing frames > maxAge 1
    expect(() => smoothFaces({ landmarks: { beta: -1 } })).toThrow(RangeError);
    expect(() => smoothFaces({ maxAge: 1.5 })).toThrow(RangeError);
  });
});

interface Sample { t: number; lm: Float32Array }

/** Mean over frames of the mean per-point displacement between consecutive frames (px). */
function jitter(track: readonly Sample[]): number {
  let s = 0;
  for (let k = 1; k < track.length; k++) {
    const a = track[k - 1]!.lm, b = track[k]!.lm;
    let d = 0;
    for (let i = 0; i < a.length; i += 2) d += Math.hypot(b[i]! - a[i]!, b[i + 1]! - a[i + 1]!);
    s += d / (a.length / 2);
  }
  return s / (track.length - 1);
}

const centroid = (lm: Float32Array): [number, number] => {
  let x = 0, y = 0;
  for (let i = 0; i < lm.length; i += 2) { x += lm[i]!; y += lm[i + 1]!; }
  return [(2 * x) / lm.length, (2 * y) / lm.length];
};

/**
 * Lag of the smoothed track behind the raw one on fast motion: over frames whose raw centroid speed is
 * in the top quarter, the integer shift k in [0, 8] minimising the mean distance between the
 * smoothed centroid at t and the raw centroid at t - k.
 */
function lagOnFastMotion(raw: readonly Sample[], smooth: readonly Sample[]): { lag: number; subFrame: number; fastFrames: number; errByLag: number[] } {
  const rc = raw.map((s) => centroid(s.lm));
  const sc = smooth.map((s) => centroid(s.lm));
  const speed = rc.map((c, k) => (k === 0 ? 0 : Math.hypot(c[0] - rc[k - 1]![0], c[1] - rc[k - 1]![1])));
  const sorted = [...speed].sort((a, b) => a - b);
  const thr = sorted[Math.floor(0.75 * sorted.length)]!;
  const fast = speed.map((v, k) => (v >= thr && k >= 8 ? k : -1)).filter((k) => k >= 0);
  const errByLag = Array.from({ length: 9 }, (_, lag) => {
    let e = 0;
    for (const k of fast) e += Math.hypot(sc[k]![0] - rc[k - lag]![0], sc[k]![1] - rc[k - lag]![1]);
    return e / fast.length;
  });
  const lag = errByLag.indexOf(Math.min(...errByLag));
  // sub-frame estimate: vertex of the parabola through the errors at lag-1, lag, lag+1
  const [a, b, c] = [errByLag[lag - 1], errByLag[lag]!, errByLag[lag + 1]];
  const subFrame = a === undefined || c === undefined || a - 2 * b + c <= 0 ? lag : lag + (a - c) / (2 * (a - 2 * b + c));
  return { lag, subFrame, fastFrames: fast.length, errByLag };
}

describe('smoothFaces on driving.mp4 (readFrames -> detectFaces -> trackFaces -> detectLandmarks, every frame)', () => {
  let rawFrames: Frame[] = [];
  let mainId = 0;
  beforeAll(async () => {
    rawFrames = await lastValueFrom(
      readFrames(path.join(shared, 'data/video/driving.mp4')).pipe(
        detectFaces({ model: 'ultraface-rfb-320', workers: 0 }),
        trackFaces(),
        detectLandmarks({ workers: 0 }),
        toArray(),
      ),
    );
    // the clip's one person: the track seen in the most frames
    const counts = new Map<number, number>();
    for (const f of rawFrames) for (const face of f.results.faces ?? []) if (face.id !== undefined) counts.set(face.id, (counts.get(face.id) ?? 0) + 1);
    mainId = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  }, 120_000);

  it('cuts mean frame-to-frame landmark displacement by >= 30% with <= 2 frames of lag on fast motion', async () => {
    const pick = (frames: Frame[]): Sample[] =>
      frames.flatMap((f) => (f.results.faces ?? []).filter((x) => x.id === mainId && x.landmarks).map((x) => ({ t: f.timeMs, lm: x.landmarks! })));
    const raw = pick(rawFrames);
    expect(rawFrames.length).toBeGreaterThanOrEqual(160);
    expect(raw.length).toBeGreaterThanOrEqual(rawFrames.length - 2);
    const run = async (opts: SmoothFacesOptions): Promise<Sample[]> => pick(await lastValueFrom(from(rawFrames).pipe(smoothFaces(opts), toArray())));
    const smooth = await run({});
    const jr = jitter(raw), js = jitter(smooth);
    const { lag, subFrame, fastFrames, errByLag } = lagOnFastMotion(raw, smooth);
    expect(smooth).toHaveLength(raw.length);
    console.log(
      `[smoothing] driving.mp4 track ${mainId}, ${raw.length} of ${rawFrames.length} frames: mean landmark displacement raw ${jr.toFixed(3)} px/frame, smoothed ${js.toFixed(3)} (-${((1 - js / jr) * 100).toFixed(1)}%); ` +
        `lag on ${fastFrames} fast frames ${lag} frame(s), sub-frame ${subFrame.toFixed(2)} (mean centroid error by lag 0..8: ${errByLag.map((e) => e.toFixed(2)).join(', ')} px)`,
    );
    for (const opts of [{ landmarks: { minCutoff: 1, beta: 0.01 } }, { landmarks: { minCutoff: 0.5, beta: 0.005 } }, { landmarks: { minCutoff: 1, beta: 0.05 } }]) {
      const s = await run(opts);
      console.log(`[smoothing] ${JSON.stringify(opts)}: -${((1 - jitter(s) / jr) * 100).toFixed(1)}% displacement, lag ${lagOnFastMotion(raw, s).subFrame.toFixed(2)} frames`);
    }
    expect(1 - js / jr).toBeGreaterThanOrEqual(0.3);
    expect(lag).toBeLessThanOrEqual(2);
    expect(subFrame).toBeLessThanOrEqual(2);
    expect(smooth.every((s) => s.lm.every(Number.isFinite))).toBe(true);
  });
});
