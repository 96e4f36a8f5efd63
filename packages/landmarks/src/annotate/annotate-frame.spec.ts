import { createFrame, type Frame } from '@facepipe/core';
import { describe, expect, it } from 'vitest';
import { annotateFrame, poseAxes } from './annotate-frame.js';
import { blendMask } from './blend-mask.js';
import { drawDot } from './draw-dot.js';
import { drawLine } from './draw-line.js';
import { drawRect } from './draw-rect.js';
import { drawText, textWidth } from './draw-text.js';

const blank = (w: number, h: number) => ({ width: w, height: h, channels: 3 as const, data: new Uint8Array(w * h * 3) });
const lit = (img: { data: Uint8Array }) => {
  let n = 0;
  for (let i = 0; i < img.data.length; i += 3) if (img.data[i] || img.data[i + 1] || img.data[i + 2]) n++;
  return n;
};
const px = (img: { width: number; data: Uint8Array }, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));

describe('raster helpers', () => {
  it('drawLine covers both endpoints and max(dx, dy) + 1 pixels, clipped', () => {
    const img = blank(20, 10);
    drawLine(img, 1, 2, 15, 7, [255, 0, 0]);
    expect(px(img, 1, 2)).toEqual([255, 0, 0]);
    expect(px(img, 15, 7)).toEqual([255, 0, 0]);
    expect(lit(img)).toBe(15);
    const clip = blank(10, 10);
    drawLine(clip, -50, 5, 60, 5, [0, 255, 0]);
    expect(lit(clip)).toBe(10);
    drawLine(clip, NaN, 0, 3, 3, [1, 1, 1]); // ignored
    expect(lit(clip)).toBe(10);
  });
  it('drawRect outlines a box (perimeter pixels)', () => {
    const img = blank(30, 30);
    drawRect(img, 5, 5, 14, 9, [0, 0, 255]);
    expect(lit(img)).toBe(2 * 10 + 2 * 3);
    expect(px(img, 10, 7)).toEqual([0, 0, 0]);
  });
  it('drawDot fills a disc', () => {
    const img = blank(11, 11);
    drawDot(img, 5, 5, 2, [9, 9, 9]);
    expect(lit(img)).toBe(21);
  });
  it('drawText renders digits from the bitmap font', () => {
    const img = blank(40, 12);
    drawText(img, 1, 1, '18', [255, 255, 255], 1);
    // '1' has 8 lit cells, '8' has 13
    expect(lit(img)).toBe(21);
    expect(textWidth('18', 2)).toBe(14);
  });
  it('blendMask tints only masked pixels, scaling a low-res mask', () => {
    const img = blank(4, 4);
    blendMask(img, { width: 2, height: 2, data: [255, 0, 0, 0] }, [200, 100, 0], 0.5);
    expect(px(img, 0, 0)).toEqual([100, 50, 0]);
    expect(px(img, 1, 1)).toEqual([100, 50, 0]);
    expect(px(img, 2, 0)).toEqual([0, 0, 0]);
    expect(lit(img)).toBe(4);
  });
});

describe('poseAxes', () => {
  it('frontal face: x right, y down, forward axis a point', () => {
    const [xx, xy, yx, yy, zx, zy] = poseAxes(0, 0, 0);
    expect([xx, xy, yx, yy]).toEqual([1, 0, 0, 1]);
    expect(Math.hypot(zx, zy)).toBeCloseTo(0, 10);
  });
  it('yaw > 0 (turned to image-left) points the forward axis left; pitch > 0 up', () => {
    expect(poseAxes(30, 0, 0)[4]).toBeCloseTo(-0.5, 6);
    expect(poseAxes(0, 30, 0)[5]).toBeCloseTo(-0.5, 6);
  });
});

describe('annotateFrame', () => {
  it('draws into a copy, leaving the input frame untouched', () => {
    const frame: Frame = createFrame({ width: 64, height: 48, data: new Uint8Array(64 * 48 * 3), results: { faces: [{ box: [10, 10, 40, 40], score: 0.9, id: 3, landmarks: new Float32Array([20, 20, 30, 20]), pose: { yaw: 10, pitch: 5, roll: 0 } }] } });
    const out = annotateFrame(frame, { mask: { width: 64, height: 48, data: new Uint8Array(64 * 48).fill(255) } });
    expect(lit({ data: frame.data })).toBe(0);
    expect(lit(out)).toBeGreaterThan(64 * 48 - 60); // all tinted except the black label background
    expect(out.data).not.toBe(frame.data);
    expect(out.results).toEqual(frame.results);
    expect(out.index).toBe(frame.index);
    const plain = annotateFrame(frame);
    expect(px(plain, 10, 25)).toEqual([255, 200, 0]); // box edge in the palette colour of id 3
    expect(lit(plain)).toBeGreaterThan(100);
  });
});
