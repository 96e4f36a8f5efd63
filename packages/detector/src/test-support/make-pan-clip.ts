import fs from 'node:fs';
import path from 'node:path';
import { from, lastValueFrom } from 'rxjs';
import { createFrame, loadFaceAnnotations, readImage, writeFrames, type Frame } from '@facepipe/core';
import type { GroundTruthTrackBox } from '../lib/evaluate-tracks.js';

/**
 * Test support (not part of the package API): moving multi-face clips with exact ground truth,
 * made from still annotated photos. The photos are laid side by side on a black canvas; a camera
 * window pans and zooms over it (`camera(t)` gives the canvas point at the window's top-left and
 * the zoom), so every annotated box maps to an exact box in every frame. A black bar can slide
 * across the view as an occluder.
 */
export interface PanClipSpec {
  /** A faces-v1 annotations.json and the image files of it to lay side by side (left to right). */
  readonly annotations: string;
  readonly images: readonly string[];
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  /** Canvas point shown at the frame's top-left corner, and output pixels per canvas pixel. */
  readonly camera: (t: number) => { x: number; y: number; scale: number };
  /** A full-height black bar `width` px wide whose left edge is at `x(t)` (frame pixels). */
  readonly bar?: { readonly width: number; readonly x: (t: number) => number };
  /** A face is an ignore region when less than this share of its box is in view (default 0.5). */
  readonly minVisible?: number;
}

/** A generated clip: frames in memory, ground truth per frame and as MOTChallenge text. */
export interface PanClip {
  readonly frames: Frame[];
  readonly groundTruth: GroundTruthTrackBox[][];
  /** MOTChallenge gt.txt: frame,id,left,top,width,height,conf,class,visibility. */
  readonly motText: string;
  /** Faces on the canvas (ground-truth ids 1..faces). */
  readonly faces: number;
}

/** Render the clip of `spec` (exact pixels, bilinear sampling of the canvas). */
export async function makePanClip(spec: PanClipSpec): Promise<PanClip> {
  const ann = await loadFaceAnnotations(spec.annotations);
  const photos = spec.images.map((file) => {
    const im = ann.images.find((x) => x.file === file);
    if (!im) throw new Error(`${file} is not in ${spec.annotations}`);
    return im;
  });
  const pixels = await Promise.all(photos.map((p) => readImage(p.path)));
  const cw = photos.reduce((s, p) => s + p.width, 0), ch = Math.max(...photos.map((p) => p.height));
  const canvas = new Uint8Array(cw * ch * 3);
  const boxes: [number, number, number, number][] = [];
  let ox = 0;
  photos.forEach((p, k) => {
    const src = pixels[k]!.data;
    for (let y = 0; y < p.height; y++) canvas.set(src.subarray(y * p.width * 3, (y + 1) * p.width * 3), (y * cw + ox) * 3);
    for (const f of p.faces) boxes.push([f.box[0] + ox, f.box[1], f.box[2] + ox, f.box[3]]);
    ox += p.width;
  });
  const { width: W, height: H } = spec;
  const minVisible = spec.minVisible ?? 0.5;
  const frames: Frame[] = [];
  const groundTruth: GroundTruthTrackBox[][] = [];
  const rows: string[] = [];
  for (let t = 0; t < spec.frames; t++) {
    const { x: x0, y: y0, scale: s } = spec.camera(t);
    const data = new Uint8Array(W * H * 3);
    // Bilinear taps per column (pixel offsets into a canvas row, weight 0 outside the canvas).
    const xa = new Int32Array(W), xb = new Int32Array(W), wa = new Float32Array(W), wb = new Float32Array(W);
    for (let u = 0; u < W; u++) {
      const sx = x0 + (u + 0.5) / s - 0.5, ix = Math.floor(sx), fx = sx - ix;
      const in0 = ix >= 0 && ix < cw, in1 = ix + 1 >= 0 && ix + 1 < cw;
      xa[u] = in0 ? ix * 3 : 0;
      xb[u] = in1 ? (ix + 1) * 3 : 0;
      wa[u] = in0 ? 1 - fx : 0;
      wb[u] = in1 ? fx : 0;
    }
    for (let v = 0; v < H; v++) {
      const sy = y0 + (v + 0.5) / s - 0.5, iy = Math.floor(sy), fy = sy - iy;
      const r0 = iy >= 0 && iy < ch ? iy * cw * 3 : -1, r1 = iy + 1 >= 0 && iy + 1 < ch ? (iy + 1) * cw * 3 : -1;
      const w0 = r0 >= 0 ? 1 - fy : 0, w1 = r1 >= 0 ? fy : 0;
      const q0 = Math.max(r0, 0), q1 = Math.max(r1, 0);
      for (let u = 0, o = v * W * 3; u < W; u++, o += 3) {
        const a = xa[u]!, b = xb[u]!, ka = wa[u]!, kb = wb[u]!;
        for (let c = 0; c < 3; c++) {
          const top = canvas[q0 + a + c]! * ka + canvas[q0 + b + c]! * kb;
          const bottom = canvas[q1 + a + c]! * ka + canvas[q1 + b + c]! * kb;
          data[o + c] = Math.round(top * w0 + bottom * w1);
        }
      }
    }
    const bx = spec.bar ? spec.bar.x(t) : 0, bw = spec.bar ? spec.bar.width : 0;
    if (bw > 0) {
      const a = Math.max(0, Math.ceil(bx)), b = Math.min(W, Math.floor(bx + bw));
      for (let v = 0; v < H; v++) if (b > a) data.fill(0, (v * W + a) * 3, (v * W + b) * 3);
    }
    frames.push(createFrame({ data, width: W, height: H, index: t, timeMs: (t * 1000) / 25, sourceId: 'pan-clip' }));
    const gts: GroundTruthTrackBox[] = [];
    boxes.forEach((cb, k) => {
      const fb = [(cb[0] - x0) * s, (cb[1] - y0) * s, (cb[2] - x0) * s, (cb[3] - y0) * s] as const;
      const area = (fb[2] - fb[0]) * (fb[3] - fb[1]);
      const x1 = Math.max(0, fb[0]), y1 = Math.max(0, fb[1]), x2 = Math.min(W, fb[2]), y2 = Math.min(H, fb[3]);
      if (x2 <= x1 || y2 <= y1) return;
      const hidden = bw > 0 ? Math.max(0, Math.min(x2, bx + bw) - Math.max(x1, bx)) * (y2 - y1) : 0;
      const visible = ((x2 - x1) * (y2 - y1) - hidden) / area;
      if (visible <= 0) return;
      const ignore = visible < minVisible;
      const box = [x1, y1, x2, y2] as const;
      gts.push({ id: k + 1, box, ignore });
      rows.push([t + 1, k + 1, x1, y1, x2 - x1, y2 - y1].map((n) => Math.round(n * 100) / 100).join(',') + `,${ignore ? 0 : 1},1,${visible.toFixed(3)}`);
    });
    groundTruth.push(gts);
  }
  return { frames, groundTruth, motText: rows.join('\n') + '\n', faces: boxes.length };
}

/**
 * Write a clip as a MOTChallenge-style sequence folder: `<dir>/clip.mp4` (H.264 through core's
 * writeFrames, 25 fps) and `<dir>/gt/gt.txt`.
 */
export async function writePanClip(clip: PanClip, dir: string): Promise<{ video: string; gt: string }> {
  fs.mkdirSync(path.join(dir, 'gt'), { recursive: true });
  const video = path.join(dir, 'clip.mp4'), gt = path.join(dir, 'gt', 'gt.txt');
  fs.writeFileSync(gt, clip.motText);
  await lastValueFrom(from(clip.frames).pipe(writeFrames(video, { fps: 25, crf: 18 })), { defaultValue: undefined });
  return { video, gt };
}

/** The two clips the tracking tests and benchmark use (dlib/PASCAL photos from the shared folder). */
export function panClipSpecs(shared: string): Record<'pan' | 'zoom', PanClipSpec> {
  const annotations = path.join(shared, 'data/faces/dlib_pascal/annotations.json');
  return {
    // 19 faces of ~37-52 px on a 1500 px canvas; the view (x1.5) pans across it with a vertical sway
    // and a slight zoom, so faces enter on the right and leave on the left; a bar sweeps across.
    pan: {
      annotations,
      images: ['2007_007763.jpg', '2008_002079.jpg', '2008_002470.jpg'],
      width: 480,
      height: 360,
      frames: 110,
      camera: (t) => ({ x: -60 + t * 11.5, y: 60 + 40 * Math.sin(t / 12), scale: 1.5 + 0.15 * Math.sin(t / 17) }),
      bar: { width: 44, x: (t) => -60 + (t - 30) * 14 },
    },
    // 6 faces of ~63-109 px: the view zooms out from x1.6 to x0.55 while panning right, so faces
    // enter at the edges and shrink; a bar sweeps back across.
    zoom: {
      annotations,
      images: ['2008_001322.jpg', '2008_002506.jpg'],
      width: 480,
      height: 360,
      frames: 90,
      camera: (t) => {
        const scale = 1.6 * Math.pow(0.55 / 1.6, t / 89);
        return { x: 40 + t * 4 - (480 / scale) * 0.1, y: 187 - 180 / scale, scale };
      },
      bar: { width: 36, x: (t) => 480 - (t - 40) * 12 },
    },
  };
}
