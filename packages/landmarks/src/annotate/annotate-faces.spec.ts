import path from 'node:path';
import { lastValueFrom, of, toArray } from 'rxjs';
import { readImage, withResults, type Frame } from '@facepipe/core';
import { detectFaces } from '@facepipe/detector';
import { describe, expect, it } from 'vitest';
import { detectLandmarks } from '../lib/detect-landmarks.js';
import { estimatePose } from '../lib/estimate-pose.js';
import { annotateFaces } from './annotate-faces.js';
import { annotateFrame } from './annotate-frame.js';

const shared = process.env.FACEPIPE_SHARED!;

/** Pixels (RGB triples) that differ between two frames of one size, near any of the boxes or not. */
function changed(a: Frame, b: Frame, ...boxes: (readonly number[])[]): { inside: number; outside: number } {
  // the label sits above the box, the pose axes reach 0.6 x the box size out of its centre
  const near = (x: number, y: number): boolean =>
    boxes.some(([x1, y1, x2, y2]) => {
      const m = 0.15 * Math.max(x2! - x1!, y2! - y1!) + 40;
      return x >= x1! - m && x <= x2! + m && y >= y1! - m && y <= y2! + m;
    });
  let inside = 0;
  let outside = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 3;
      if (a.data[i] === b.data[i] && a.data[i + 1] === b.data[i + 1] && a.data[i + 2] === b.data[i + 2]) continue;
      if (near(x, y)) inside++;
      else outside++;
    }
  }
  return { inside, outside };
}

describe('annotateFaces', () => {
  it('in a composed pipeline draws boxes, landmarks and pose around the face, nothing elsewhere, like annotateFrame', async () => {
    const photo = await readImage(path.join(shared, 'data/photos/fr_biden.jpg'));
    const [out] = await lastValueFrom(
      of(photo).pipe(detectFaces({ workers: 0 }), detectLandmarks({ workers: 0 }), estimatePose({ method: 'pnp' }), annotateFaces(), toArray()),
    );
    const faces = out!.results.faces!;
    expect(faces[0]!.landmarks).toHaveLength(196);
    const diff = changed(photo, out!, ...faces.map((f) => f.box));
    expect(diff.inside).toBeGreaterThan(300);
    expect(diff.outside).toBe(0);
    expect(out!.results).toEqual(expect.objectContaining({ faces: out!.results.faces }));
    expect(out!.index).toBe(photo.index);
    // the input frame's pixels are untouched, and the operator is annotateFrame per frame
    expect(Buffer.from(annotateFrame(withResults(photo, out!.results)).data).equals(Buffer.from(out!.data))).toBe(true);
  });

  it('tints results.mask unless mask: false; rejects bad options', async () => {
    const photo = await readImage(path.join(shared, 'data/photos/fr_biden.jpg'));
    const alpha = new Uint8Array(photo.width * photo.height);
    alpha.fill(255, 0, photo.width * 10); // the top ten rows are "person"
    const masked = withResults(photo, { mask: { width: photo.width, height: photo.height, data: alpha, coverage: 10 / photo.height } } as Parameters<typeof withResults>[1]);
    const [tinted, plain] = await Promise.all([lastValueFrom(of(masked).pipe(annotateFaces())), lastValueFrom(of(masked).pipe(annotateFaces({ mask: false })))]);
    expect(changed(photo, tinted, [0, 0, photo.width, 9]).outside).toBe(0);
    expect(changed(photo, tinted, [0, 0, photo.width, 9]).inside).toBeGreaterThan(photo.width * 9);
    expect(Buffer.from(plain.data).equals(Buffer.from(photo.data))).toBe(true);
    expect(() => annotateFaces({ mask: 'yes' as unknown as boolean })).toThrow(new TypeError('Expected `mask` to be a boolean, got `yes` (string)'));
  });
});
