import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageToTensor, openModel, readImage, resizeBilinear, type ModelRunner } from '@facepipe/core';
import { generateUltrafacePriors } from './priors.js';
import { collectUltrafaceCandidates, decodeUltrafaceBoxes } from './decode.js';
import { createCandidates } from '../../lib/candidates.js';
import { DetectorOutputError } from '../../lib/errors.js';

const shared = process.env.FACEPIPE_SHARED!;
const PHOTOS = ['fr_two_people.jpg', 'ghostone_duo.jpg', 'fr_biden.jpg', 'dlib_Tom_Cruise_avp_2014_4.jpg', 'anil_kid8.jpg', 'ghostone_persons.jpg'].map((f) =>
  path.join(shared, 'data/photos', f),
);

describe('UltraFace raw decoding equals the in-graph post-processing (oracle)', () => {
  const runners: Record<string, ModelRunner> = {};
  beforeAll(async () => {
    for (const id of ['ultraface-rfb-320', 'ultraface-rfb-320-raw', 'ultraface-slim-320', 'ultraface-slim-320-raw']) {
      runners[id] = (await openModel(id, { workers: 0 })).runner;
    }
  });
  afterAll(async () => {
    for (const r of Object.values(runners)) await r.dispose();
  });

  for (const family of ['rfb', 'slim']) {
    it(`${family}-320: every box of ${PHOTOS.length} real photos within 1e-5`, async () => {
      const priors = generateUltrafacePriors(320, 240);
      let worst = 0;
      let worstScore = 0;
      for (const file of PHOTOS) {
        const img = await readImage(file);
        const input = imageToTensor(resizeBilinear(img, 320, 240), { mean: 127, std: 128 });
        const dec = await runners[`ultraface-${family}-320`]!.run({ input: { ...input, data: input.data.slice() } });
        const raw = await runners[`ultraface-${family}-320-raw`]!.run({ input });
        expect(dec.boxes!.dims).toEqual([1, 4420, 4]);
        expect(raw.boxes!.dims).toEqual([1, 4420, 4]);
        const ours = decodeUltrafaceBoxes(raw.boxes!.data as Float32Array, priors);
        const ref = dec.boxes!.data as Float32Array;
        for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - ref[i]!));
        const rs = raw.scores!.data as Float32Array, ds = dec.scores!.data as Float32Array;
        for (let i = 0; i < rs.length; i++) worstScore = Math.max(worstScore, Math.abs(rs[i]! - ds[i]!));
      }
      console.log(`[oracle] ${family}-320: max |decoded(raw) - in-graph boxes| = ${worst.toExponential(3)}, max score diff = ${worstScore.toExponential(3)} over ${PHOTOS.length} photos`);
      expect(worst).toBeLessThan(1e-5);
      expect(worstScore).toBeLessThan(1e-5);
    });
  }

  it('a wrong prior layout (H/s instead of ceil(H/s)) would fail the oracle', async () => {
    const img = await readImage(PHOTOS[0]!);
    const input = imageToTensor(resizeBilinear(img, 320, 240), { mean: 127, std: 128 });
    const dec = await runners['ultraface-rfb-320']!.run({ input: { ...input, data: input.data.slice() } });
    const raw = await runners['ultraface-rfb-320-raw']!.run({ input });
    const bad = generateUltrafacePriors(320, 240);
    // Recompute the stride-64 level centres with H/s (3.75 rows) to show the oracle catches it.
    for (let i = 4360; i < 4420; i++) {
      const row = Math.floor((i - 4360) / 15);
      bad[i * 4 + 1] = Math.min(1, (row + 0.5) / 3.75);
    }
    const ours = decodeUltrafaceBoxes(raw.boxes!.data as Float32Array, bad);
    const ref = dec.boxes!.data as Float32Array;
    let worst = 0;
    for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - ref[i]!));
    expect(worst).toBeGreaterThan(0.01);
  });
});

describe('collectUltrafaceCandidates', () => {
  it('keeps scores above the threshold, decodes into input pixels, and grows its buffer', () => {
    const n = 600;
    const priors = new Float32Array(n * 4);
    const raw = new Float32Array(n * 4);
    const scores = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      priors.set([0.5, 0.5, 0.1, 0.2], i * 4);
      scores[i * 2 + 1] = i % 2 ? 0.9 : 0.1;
      scores[i * 2] = 1 - scores[i * 2 + 1]!;
    }
    const c = createCandidates(4);
    collectUltrafaceCandidates(scores, raw, priors, 0.6, 320, 240, c);
    expect(c.count).toBe(300);
    expect(c.scores[0]).toBeCloseTo(0.9, 6);
    expect(Array.from(c.boxes.subarray(0, 4))).toEqual([0.45 * 320, 0.4 * 240, 0.55 * 320, 0.6 * 240].map((v) => Math.fround(v)));
  });

  it('throws a DetectorOutputError naming the index of a NaN score', () => {
    const scores = new Float32Array([0.5, 0.5, NaN, NaN]);
    const boxes = new Float32Array(8);
    const err = (() => {
      try {
        collectUltrafaceCandidates(scores, boxes, null, 0.6, 320, 240, createCandidates(), 'm');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(DetectorOutputError);
    expect((err as DetectorOutputError).index).toBe(3);
    expect((err as Error).message).toMatch(/`NaN` at index 3/);
  });

  it('throws a DetectorOutputError for a non-finite box of a kept candidate', () => {
    const scores = new Float32Array([0.1, 0.9]);
    const boxes = new Float32Array([0, 0, Infinity, 1]);
    expect(() => collectUltrafaceCandidates(scores, boxes, null, 0.6, 320, 240, createCandidates(), 'm')).toThrow(/output "boxes" has an invalid value `Infinity` at index 0/);
  });
});
