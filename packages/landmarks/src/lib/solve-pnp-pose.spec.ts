import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '@facepipe/core';
import { solvePnpPose } from './solve-pnp-pose.js';
import { MEAN_FACE_3D } from './mean-face-3d.js';
import { FsanetPoseEstimator } from './fsanet-pose-estimator.js';
import { LandmarkDetector } from './landmark-detector.js';
import { loadEvalFaces, type EvalFace } from '../test-support/eval-faces.js';

const D = Math.PI / 180;
type M = number[];
const mul = (a: M, b: M): M => Array.from({ length: 9 }, (_, k) => a[3 * Math.floor(k / 3)]! * b[k % 3]! + a[3 * Math.floor(k / 3) + 1]! * b[3 + (k % 3)]! + a[3 * Math.floor(k / 3) + 2]! * b[6 + (k % 3)]!);
const rx = (t: number): M => [1, 0, 0, 0, Math.cos(t), -Math.sin(t), 0, Math.sin(t), Math.cos(t)];
const ry = (t: number): M => [Math.cos(t), 0, Math.sin(t), 0, 1, 0, -Math.sin(t), 0, Math.cos(t)];
const rz = (t: number): M => [Math.cos(t), -Math.sin(t), 0, Math.sin(t), Math.cos(t), 0, 0, 0, 1];

/** Project the template under R = Rz(roll) Ry(yaw) Rx(-pitch), translation t, into a 68-point array (unused points NaN-free zeros). */
function synth(yaw: number, pitch: number, roll: number, t: [number, number, number], f: number, w: number, h: number): Float32Array {
  const R = mul(rz(roll * D), mul(ry(yaw * D), rx(-pitch * D)));
  const out = new Float32Array(136);
  MEAN_FACE_3D.ibug68.forEach((idx, i) => {
    const [X, Y, Z] = [MEAN_FACE_3D.points[3 * i]!, MEAN_FACE_3D.points[3 * i + 1]!, MEAN_FACE_3D.points[3 * i + 2]!];
    const xc = R[0]! * X + R[1]! * Y + R[2]! * Z + t[0], yc = R[3]! * X + R[4]! * Y + R[5]! * Z + t[1], zc = R[6]! * X + R[7]! * Y + R[8]! * Z + t[2];
    out[2 * idx] = (f * xc) / zc + w / 2;
    out[2 * idx + 1] = (f * yc) / zc + h / 2;
  });
  return out;
}

describe('solvePnpPose on synthetic projections of the template', () => {
  it.each([
    [0, 0, 0],
    [30, 0, 0],
    [-45, 10, -5],
    [15, -20, 12],
    [60, 5, 20],
    [-10, 25, -25],
  ])('recovers yaw %s, pitch %s, roll %s (camera reference, centred face)', (yaw, pitch, roll) => {
    const pts = synth(yaw, pitch, roll, [0, 0, 60], 640, 640, 480);
    const p = solvePnpPose(pts, { imageWidth: 640, imageHeight: 480, reference: 'camera' });
    expect(p.yaw).toBeCloseTo(yaw, 2);
    expect(p.pitch).toBeCloseTo(pitch, 2);
    expect(p.roll).toBeCloseTo(roll, 2);
    expect(p.translation[2]).toBeCloseTo(60, 1);
    expect(p.rmsError).toBeLessThan(1e-3);
  });

  it('signs: a face turned towards image-left has its nose left of the eye midpoint and yaw > 0', () => {
    const pts = synth(30, 0, 0, [0, 0, 60], 640, 640, 480);
    const nostrils = (pts[62]! + pts[70]!) / 2, eyes = (pts[72]! + pts[90]!) / 2;
    expect(nostrils).toBeLessThan(eyes);
    expect(solvePnpPose(pts, { imageWidth: 640, imageHeight: 480 }).yaw).toBeGreaterThan(25);
  });

  it('view reference: a face looking straight at an off-centre camera ray reads ~0; camera reference reads the ray angle', () => {
    // template at x = 30 units, z = 60: the ray is 26.6 degrees right of the axis; a face looking back
    // along it towards the camera is turned towards image-left by that angle (yaw = +26.6 vs the axis)
    const ray = Math.atan2(30, 60) / D;
    const pts = synth(ray, 0, 0, [30, 0, 60], 640, 640, 480);
    const view = solvePnpPose(pts, { imageWidth: 640, imageHeight: 480 });
    const cam = solvePnpPose(pts, { imageWidth: 640, imageHeight: 480, reference: 'camera' });
    expect(Math.abs(view.yaw)).toBeLessThan(0.1);
    expect(cam.yaw).toBeCloseTo(ray, 1);
  });

  it('accepts 98-point input (mapped to iBUG) and refuses wrong sizes and non-finite points', () => {
    const p68 = synth(20, 5, 3, [0, 0, 60], 640, 640, 480);
    const p98 = new Float32Array(196);
    // put each iBUG point at its WFLW index (inverse of the map, for the template points only)
    const map = [17, 21, 22, 26, 36, 39, 42, 45, 31, 35, 48, 54, 57, 8];
    const wflw = [33, 37, 42, 46, 60, 64, 68, 72, 55, 59, 76, 82, 85, 16];
    map.forEach((i, k) => { p98[2 * wflw[k]!] = p68[2 * i]!; p98[2 * wflw[k]! + 1] = p68[2 * i + 1]!; });
    const a = solvePnpPose(p98, { imageWidth: 640, imageHeight: 480 });
    const b = solvePnpPose(p68, { imageWidth: 640, imageHeight: 480 });
    expect(a.yaw).toBeCloseTo(b.yaw, 5);
    expect(() => solvePnpPose(new Float32Array(10), { imageWidth: 640, imageHeight: 480 })).toThrow(ShapeMismatchError);
    const bad = p68.slice();
    bad[2 * 36] = Number.NaN;
    expect(() => solvePnpPose(bad, { imageWidth: 640, imageHeight: 480 })).toThrow(RangeError);
    expect(() => solvePnpPose(p68, { imageWidth: 0, imageHeight: 480 })).toThrow(/Expected `imageWidth` to be a number in \[1, 1000000\], got `0`/);
  });
});

describe('PnP pose vs FSA-Net on the 29 shared annotated faces', () => {
  let faces: EvalFace[] = [];
  beforeAll(async () => {
    ({ faces } = await loadEvalFaces());
  });

  it('median |yaw difference| <= 10 degrees (PnP on GhostOne landmarks); pitch and roll reported', async () => {
    const fsa = await FsanetPoseEstimator.create({ workers: 0 });
    const lm = await LandmarkDetector.create({ workers: 0 });
    const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2; };
    const rows: Record<'pred' | 'gt', { y: number[]; p: number[]; r: number[] }> = { pred: { y: [], p: [], r: [] }, gt: { y: [], p: [], r: [] } };
    let yawSignAgree = 0, rollSignAgree = 0, pitchProduct = 0;
    try {
      for (const f of faces) {
        const ref = await fsa.estimateBox(f.frame, f.face.box);
        const [withLm] = await lm.detect(f.frame, [f.face]);
        for (const [key, pts] of [['pred', withLm!.landmarks!], ['gt', f.truth]] as const) {
          const p = solvePnpPose(pts, { imageWidth: f.frame.width, imageHeight: f.frame.height });
          rows[key].y.push(p.yaw - ref.yaw);
          rows[key].p.push(p.pitch - ref.pitch);
          rows[key].r.push(p.roll - ref.roll);
          if (key === 'pred') {
            if (Math.abs(ref.yaw) > 10) yawSignAgree += Math.sign(ref.yaw) === Math.sign(p.yaw) ? 1 : 0;
            if (Math.abs(ref.roll) > 10) rollSignAgree += Math.sign(ref.roll) === Math.sign(p.roll) ? 1 : 0;
            pitchProduct += p.pitch * ref.pitch;
          }
        }
      }
    } finally {
      await fsa.dispose();
      await lm.dispose();
    }
    for (const key of ['pred', 'gt'] as const) {
      const r = rows[key];
      console.log(
        `[pose] PnP(${key === 'pred' ? 'GhostOne landmarks' : 'ground-truth landmarks'}) - FSA-Net over ${r.y.length} faces: ` +
          `median |dyaw| ${med(r.y.map(Math.abs)).toFixed(2)} deg, median |dpitch| ${med(r.p.map(Math.abs)).toFixed(2)} (median signed dpitch ${med(r.p).toFixed(2)}), median |droll| ${med(r.r.map(Math.abs)).toFixed(2)}`,
      );
    }
    console.log(`[pose] sign agreement (|FSA| > 10 deg): yaw ${yawSignAgree}, roll ${rollSignAgree}; sum pitch products ${pitchProduct.toFixed(0)}`);
    expect(rows.pred.y).toHaveLength(29);
    expect(med(rows.pred.y.map(Math.abs))).toBeLessThanOrEqual(10);
    expect(med(rows.pred.r.map(Math.abs))).toBeLessThanOrEqual(10);
    expect(pitchProduct).toBeGreaterThan(0); // the pitch conventions agree in sign
  });
});
