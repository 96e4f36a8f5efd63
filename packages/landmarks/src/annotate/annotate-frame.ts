import { withResults, type Frame } from '@facepipe/core';
import type { Face } from '@facepipe/core';
import { blendMask } from './blend-mask.js';
import { drawDot } from './draw-dot.js';
import { drawLine } from './draw-line.js';
import { drawRect } from './draw-rect.js';
import { drawText } from './draw-text.js';
import type { Rgb } from './rgb.js';

const PALETTE: readonly Rgb[] = [
  [0, 255, 0],
  [255, 64, 64],
  [64, 160, 255],
  [255, 200, 0],
  [255, 0, 255],
  [0, 255, 255],
  [255, 128, 0],
  [160, 96, 255],
];

/** A person mask to overlay: one byte per pixel (0..255), any resolution. */
export interface OverlayMask {
  readonly width: number;
  readonly height: number;
  readonly data: ArrayLike<number>;
}

/**
 * Project the head axes for a pose in degrees (yaw > 0 = face turned to image-left, pitch > 0 =
 * looking up) to 2-D offsets of unit length: `[xx, xy, yx, yy, zx, zy]` for the face's right-hand
 * (image-right when frontal), down, and forward (towards the camera) axes.
 *
 * ## Example
 * ```ts
 * poseAxes(30, 0, 0)[4]; // -0.5: the forward axis points image-left
 * ```
 */
export function poseAxes(yaw: number, pitch: number, roll: number): [number, number, number, number, number, number] {
  const y = (yaw * Math.PI) / 180;
  const p = (-pitch * Math.PI) / 180;
  const r = (roll * Math.PI) / 180;
  const cy = Math.cos(y), sy = Math.sin(y), cp = Math.cos(p), sp = Math.sin(p), cr = Math.cos(r), sr = Math.sin(r);
  // R = Rz(r) * Rx(p) * Ry(y), applied to the unit vectors; image coords x right, y down, z away from the camera
  const rot = (vx: number, vy: number, vz: number): [number, number] => {
    // Ry
    const ax = cy * vx + sy * vz;
    const ay = vy;
    const az = -sy * vx + cy * vz;
    // Rx
    const bx = ax;
    const by = cp * ay - sp * az;
    // Rz
    return [cr * bx - sr * by, sr * bx + cr * by];
  };
  const [xx, xy] = rot(1, 0, 0);
  const [yx, yy] = rot(0, 1, 0);
  const [zx, zy] = rot(0, 0, -1);
  return [xx, xy, yx, yy, zx, zy];
}

/**
 * Draw a frame's results into a COPY of its pixels: person-mask tint, face boxes coloured and
 * labelled by track id, landmarks as dots, head-pose axes (red = right, green = down, blue =
 * forward) from the face centre. The input frame is not modified; the returned frame shares its
 * index, timestamps and results.
 *
 * ## Example
 * ```ts
 * const drawn = annotateFrame(frame, { mask });
 * await writeImage(drawn, 'out.png');
 * ```
 */
export function annotateFrame(frame: Frame, options: { mask?: OverlayMask } = {}): Frame {
  const data = new Uint8Array(frame.data);
  const image = { width: frame.width, height: frame.height, channels: 3 as const, data };
  if (options.mask) blendMask(image, options.mask, [0, 140, 255], 0.45);
  const faces: readonly Face[] = frame.results.faces ?? [];
  const thick = Math.max(1, Math.round(Math.min(frame.width, frame.height) / 240));
  const scale = Math.max(1, Math.round(Math.min(frame.width, frame.height) / 180));
  for (let f = 0; f < faces.length; f++) {
    const face = faces[f]!;
    const color = PALETTE[(face.id ?? f) % PALETTE.length]!;
    const [x1, y1, x2, y2] = face.box;
    drawRect(image, x1, y1, x2, y2, color, thick);
    const label = face.id !== undefined ? `#${face.id}` : `${Math.round(face.score * 100)}%`;
    drawText(image, x1, Math.max(0, y1 - 5 * scale - 3), label, [255, 255, 255], scale, [0, 0, 0]);
    if (face.landmarks) {
      const l = face.landmarks;
      for (let i = 0; i + 1 < l.length; i += 2) drawDot(image, l[i]!, l[i + 1]!, thick > 1 ? 1 : 0.6, [255, 255, 0]);
    }
    if (face.keypoints) for (const [kx, ky] of face.keypoints) drawDot(image, kx, ky, thick + 1, [255, 0, 255]);
    if (face.pose) {
      const cx = (x1 + x2) / 2;
      const cy = (y1 + y2) / 2;
      const len = Math.max(x2 - x1, y2 - y1) * 0.6;
      const [xx, xy, yx, yy, zx, zy] = poseAxes(face.pose.yaw, face.pose.pitch, face.pose.roll);
      drawLine(image, cx, cy, cx + xx * len, cy + xy * len, [255, 0, 0], thick + 1);
      drawLine(image, cx, cy, cx + yx * len, cy + yy * len, [0, 255, 0], thick + 1);
      drawLine(image, cx, cy, cx + zx * len, cy + zy * len, [0, 0, 255], thick + 1);
    }
  }
  return withResults({ ...frame, data }, {});
}
