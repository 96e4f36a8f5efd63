import { ShapeMismatchError, assertInRange, assertObject } from '@facepipe/core';
import type { HeadPose } from '@facepipe/core';
import { MEAN_FACE_3D } from './mean-face-3d.js';
import { WFLW98_TO_IBUG68 } from './wflw98-to-ibug68.js';

/** Camera of {@link solvePnpPose}: a pinhole without distortion. */
export interface PnpPoseOptions {
  /** Frame size in pixels; the principal point is its centre. */
  readonly imageWidth: number;
  readonly imageHeight: number;
  /** Focal length in pixels (default `imageWidth`, a ~53° horizontal field of view). */
  readonly focalLength?: number;
  /** 3D template (default {@link MEAN_FACE_3D}): iBUG-68 indices and x, y, z per point (x right, y down, z away from the camera). */
  readonly template?: { readonly ibug68: readonly number[]; readonly points: readonly number[] };
  /**
   * Angles relative to the line of sight to the face (`'view'`, default: what a crop-based estimator
   * such as FSA-Net sees, independent of where the face sits in the frame) or to the camera's optical
   * axis (`'camera'`).
   */
  readonly reference?: 'view' | 'camera';
}

/** Head pose from PnP plus the fitted rigid transform. */
export interface PnpPose extends HeadPose {
  /** Row-major 3x3 rotation, template frame (x right, y down, z away from camera) -> camera. */
  readonly rotation: readonly number[];
  /** Template origin in camera coordinates (template units, ~cm). */
  readonly translation: readonly [number, number, number];
  /** RMS reprojection error of the 14 template points, in pixels. */
  readonly rmsError: number;
}

const DEG = 180 / Math.PI;

/** Rodrigues: rotation vector -> row-major matrix. */
function rodrigues(rx: number, ry: number, rz: number, out: Float64Array): void {
  const th = Math.hypot(rx, ry, rz);
  if (th < 1e-12) {
    out.set([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    return;
  }
  const kx = rx / th, ky = ry / th, kz = rz / th;
  const c = Math.cos(th), s = Math.sin(th), v = 1 - c;
  out[0] = c + kx * kx * v; out[1] = kx * ky * v - kz * s; out[2] = kx * kz * v + ky * s;
  out[3] = ky * kx * v + kz * s; out[4] = c + ky * ky * v; out[5] = ky * kz * v - kx * s;
  out[6] = kz * kx * v - ky * s; out[7] = kz * ky * v + kx * s; out[8] = c + kz * kz * v;
}

/** Reprojection residuals (2N) of parameters p = [rx, ry, rz, tx, ty, tz]. */
function residuals(N: number, MODEL: Float64Array, p: Float64Array, obs: Float64Array, f: number, cx: number, cy: number, R: Float64Array, out: Float64Array): number {
  rodrigues(p[0]!, p[1]!, p[2]!, R);
  let sse = 0;
  for (let i = 0; i < N; i++) {
    const X = MODEL[3 * i]!, Y = MODEL[3 * i + 1]!, Z = MODEL[3 * i + 2]!;
    const xc = R[0]! * X + R[1]! * Y + R[2]! * Z + p[3]!;
    const yc = R[3]! * X + R[4]! * Y + R[5]! * Z + p[4]!;
    const zc = Math.max(1e-6, R[6]! * X + R[7]! * Y + R[8]! * Z + p[5]!);
    const ex = f * (xc / zc) + cx - obs[2 * i]!;
    const ey = f * (yc / zc) + cy - obs[2 * i + 1]!;
    out[2 * i] = ex;
    out[2 * i + 1] = ey;
    sse += ex * ex + ey * ey;
  }
  return sse;
}

/** Solve the 6x6 system A x = b in place (Gaussian elimination, partial pivoting). */
function solve6(A: Float64Array, b: Float64Array): boolean {
  for (let c = 0; c < 6; c++) {
    let piv = c;
    for (let r = c + 1; r < 6; r++) if (Math.abs(A[r * 6 + c]!) > Math.abs(A[piv * 6 + c]!)) piv = r;
    if (Math.abs(A[piv * 6 + c]!) < 1e-15) return false;
    if (piv !== c) {
      for (let k = 0; k < 6; k++) {
        const t = A[c * 6 + k]!; A[c * 6 + k] = A[piv * 6 + k]!; A[piv * 6 + k] = t;
      }
      const t = b[c]!; b[c] = b[piv]!; b[piv] = t;
    }
    for (let r = c + 1; r < 6; r++) {
      const m = A[r * 6 + c]! / A[c * 6 + c]!;
      if (m === 0) continue;
      for (let k = c; k < 6; k++) A[r * 6 + k] = A[r * 6 + k]! - m * A[c * 6 + k]!;
      b[r] = b[r]! - m * b[c]!;
    }
  }
  for (let r = 5; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < 6; k++) s -= A[r * 6 + k]! * b[k]!;
    b[r] = s / A[r * 6 + r]!;
  }
  return true;
}

/**
 * Express rotation R relative to the line of sight through (tx, ty, tz): `Q^T R`, where Q is the
 * smallest rotation taking the optical axis (0, 0, 1) onto that line.
 */
function viewRelative(R: Float64Array, tx: number, ty: number, tz: number): Float64Array {
  const n = Math.hypot(tx, ty, tz);
  const dx = tx / n, dy = ty / n, dz = tz / n;
  // axis = z x d = (-dy, dx, 0), angle = acos(dz)
  const s = Math.hypot(dx, dy);
  const Q = new Float64Array(9);
  if (s < 1e-12) return R;
  rodrigues((-dy / s) * Math.acos(Math.max(-1, Math.min(1, dz))), (dx / s) * Math.acos(Math.max(-1, Math.min(1, dz))), 0, Q);
  const out = new Float64Array(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[r * 3 + c] = Q[r]! * R[c]! + Q[3 + r]! * R[3 + c]! + Q[6 + r]! * R[6 + c]!;
  return out;
}

/** Levenberg-Marquardt on the 6 pose parameters from one start; returns the final SSE (p updated in place). */
function refine(N: number, MODEL: Float64Array, p: Float64Array, obs: Float64Array, f: number, cx: number, cy: number): number {
  const M = 2 * N;
  const R = new Float64Array(9);
  const r0 = new Float64Array(M), r1 = new Float64Array(M);
  const J = new Float64Array(M * 6);
  const A = new Float64Array(36), g = new Float64Array(6), q = new Float64Array(6);
  let sse = residuals(N, MODEL, p, obs, f, cx, cy, R, r0);
  let lambda = 1e-3;
  for (let iter = 0; iter < 100; iter++) {
    // forward-difference Jacobian
    for (let k = 0; k < 6; k++) {
      const h = k < 3 ? 1e-6 : 1e-6 * Math.max(1, Math.abs(p[5]!));
      q.set(p);
      q[k] = q[k]! + h;
      residuals(N, MODEL, q, obs, f, cx, cy, R, r1);
      for (let m = 0; m < M; m++) J[m * 6 + k] = (r1[m]! - r0[m]!) / h;
    }
    A.fill(0);
    g.fill(0);
    for (let m = 0; m < M; m++) {
      for (let a = 0; a < 6; a++) {
        const ja = J[m * 6 + a]!;
        g[a] = g[a]! - ja * r0[m]!;
        for (let b = a; b < 6; b++) A[a * 6 + b] = A[a * 6 + b]! + ja * J[m * 6 + b]!;
      }
    }
    for (let a = 0; a < 6; a++) for (let b = 0; b < a; b++) A[a * 6 + b] = A[b * 6 + a]!;
    let improved = false;
    for (let tries = 0; tries < 10 && !improved; tries++) {
      const Ad = Float64Array.from(A);
      const step = Float64Array.from(g);
      for (let a = 0; a < 6; a++) Ad[a * 7] = Ad[a * 7]! * (1 + lambda) + 1e-12;
      if (!solve6(Ad, step)) {
        lambda *= 10;
        continue;
      }
      for (let a = 0; a < 6; a++) q[a] = p[a]! + step[a]!;
      const s = residuals(N, MODEL, q, obs, f, cx, cy, R, r1);
      if (s < sse) {
        const gain = sse - s;
        p.set(q);
        r0.set(r1);
        sse = s;
        lambda = Math.max(1e-9, lambda / 10);
        improved = true;
        if (gain < 1e-10 * (1 + sse)) return sse;
      } else {
        lambda *= 10;
      }
    }
    if (!improved) break;
  }
  return sse;
}

/**
 * Head pose from 2D landmarks by Perspective-n-Point: a rigid fit of the 14-point 3D mean face
 * ({@link MEAN_FACE_3D}) to the matching landmarks, by Levenberg-Marquardt on rotation (Rodrigues
 * vector) and translation under a pinhole camera, started from three yaw guesses (−40°, 0°, 40°).
 *
 * The result follows facepipe's pose convention (degrees): **yaw > 0** when the face turns towards
 * image-left (the subject's right), **pitch > 0** when the face looks up, **roll > 0** when the head
 * tilts so that the image-right eye is lower than the image-left eye (clockwise on screen) — the
 * convention FSA-Net follows. The rotation (by default relative to the line of sight, see
 * `reference`) is decomposed as `R = Rz(roll) · Ry(yaw) · Rx(−pitch)` in the camera frame
 * (x right, y down, z forward).
 *
 * ## Example
 * ```ts
 * const pose = solvePnpPose(face.landmarks!, { imageWidth: frame.width, imageHeight: frame.height });
 * pose.yaw; // e.g. -12.4
 * ```
 * @param landmarks 68 iBUG or 98 WFLW points, interleaved `x, y` in frame pixels.
 * @throws {ShapeMismatchError} when `landmarks` is neither 136 nor 196 numbers.
 * @throws {RangeError} when the image size or focal length is not positive, or a used landmark is not finite.
 */
export function solvePnpPose(landmarks: ArrayLike<number>, options: PnpPoseOptions): PnpPose {
  assertObject(options as unknown, 'options');
  assertInRange(options.imageWidth, 'imageWidth', 1, 1e6);
  assertInRange(options.imageHeight, 'imageHeight', 1, 1e6);
  const f = options.focalLength ?? options.imageWidth;
  assertInRange(f, 'focalLength', 1e-3, 1e7);
  const template = options.template ?? MEAN_FACE_3D;
  const N = template.ibug68.length;
  const MODEL = Float64Array.from(template.points);
  if (N < 4 || MODEL.length !== 3 * N) throw new RangeError(`Expected \`template\` to have >= 4 points and 3 coordinates per point, got ${N} points and ${MODEL.length} coordinates`);
  let map: readonly number[];
  if (landmarks.length === 136) map = template.ibug68;
  else if (landmarks.length === 196) map = template.ibug68.map((i) => WFLW98_TO_IBUG68[i]!);
  else throw new ShapeMismatchError('landmarks for solvePnpPose', '136 or 196 numbers (68 or 98 points)', `${landmarks.length} numbers`);
  const obs = new Float64Array(2 * N);
  let mx = 0, my = 0;
  for (let i = 0; i < N; i++) {
    const x = landmarks[2 * map[i]!]!, y = landmarks[2 * map[i]! + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`Expected landmark ${map[i]} to be finite, got (${x}, ${y})`);
    obs[2 * i] = x;
    obs[2 * i + 1] = y;
    mx += x / N;
    my += y / N;
  }
  const cx = options.imageWidth / 2, cy = options.imageHeight / 2;
  // Depth from the image spread of the template points relative to the template's own spread.
  let s2 = 0, m2 = 0, mmx = 0, mmy = 0;
  for (let i = 0; i < N; i++) { mmx += MODEL[3 * i]! / N; mmy += MODEL[3 * i + 1]! / N; }
  for (let i = 0; i < N; i++) {
    s2 += (obs[2 * i]! - mx) ** 2 + (obs[2 * i + 1]! - my) ** 2;
    m2 += (MODEL[3 * i]! - mmx) ** 2 + (MODEL[3 * i + 1]! - mmy) ** 2;
  }
  const tz = f * Math.sqrt(m2 / Math.max(s2, 1e-9));
  const tx = ((mx - cx) * tz) / f - mmx, ty = ((my - cy) * tz) / f - mmy;
  let best: Float64Array | undefined;
  let bestSse = Infinity;
  for (const yaw0 of [0, -40, 40]) {
    const p = Float64Array.of(0, yaw0 / DEG, 0, tx, ty, tz);
    const sse = refine(N, MODEL, p, obs, f, cx, cy);
    if (sse < bestSse && p[5]! > 0) {
      bestSse = sse;
      best = p;
    }
  }
  const p = best ?? Float64Array.of(0, 0, 0, tx, ty, tz);
  const R = new Float64Array(9);
  rodrigues(p[0]!, p[1]!, p[2]!, R);
  const E = options.reference === 'camera' ? R : viewRelative(R, p[3]!, p[4]!, p[5]!);
  // R = Rz(g) Ry(b) Rx(a): R[6] = -sin b, R[7] = cos b sin a, R[8] = cos b cos a, R[3] = sin g cos b, R[0] = cos g cos b
  const b = Math.asin(Math.max(-1, Math.min(1, -E[6]!)));
  const a = Math.atan2(E[7]!, E[8]!);
  const g = Math.atan2(E[3]!, E[0]!);
  return {
    yaw: b * DEG,
    pitch: -a * DEG,
    roll: g * DEG,
    rotation: Array.from(R),
    translation: [p[3]!, p[4]!, p[5]!],
    rmsError: Math.sqrt(bestSse / N),
  };
}
