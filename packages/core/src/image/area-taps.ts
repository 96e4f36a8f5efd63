import type { FillMode } from '../tensor/image.js';
import { borderIndex } from './crop-image.js';

/**
 * Resampling taps along one axis (internal to {@link resizeToTensor}): output sample `i` is
 * `fill[i] * padValue + sum(weight[t] * src[index[t]])` for `t` in `start[i] .. start[i + 1] - 1`.
 * The arrays grow on demand and are reused by the next call with the same object.
 * @internal
 */
export interface AxisTaps {
  /** Parameters the taps were built for (a call with the same ones reuses them as they are). */
  n: number;
  domain: number;
  crop: number;
  offset: number;
  limit: number;
  mode: FillMode | '';
  stride: number;
  cubic: boolean;
  /** `n + 1` offsets into `index`/`weight`. */
  start: Int32Array;
  /** Source index times `stride`. */
  index: Int32Array;
  weight: Float32Array;
  /** Summed weight of the taps that land on constant fill. */
  fill: Float32Array;
  /** Most taps of any one output sample. */
  maxTaps: number;
}

/**
 * Width of the box as a fraction of the scale. 1 would be the exact area footprint (OpenCV's
 * `INTER_AREA`); 0.85 keeps a little more detail while still averaging over most of each output
 * pixel's footprint. Chosen on the shared WIDER/dlib sets, where it was the only box width tried
 * (0.7, 0.85, 1, 1.15) that matched or beat sharp's lanczos3 recall with every detector.
 */
const BOX_WIDTH = 0.85;

/** Keys cubic convolution parameter of OpenCV's `INTER_CUBIC` (as core's `'bicubic'` kernel). */
const A = -0.75;
const clampTo = (j: number, n: number): number => (j < 0 ? 0 : j > n - 1 ? n - 1 : j);

/** An empty {@link AxisTaps} to pass to {@link areaTaps}. @internal */
export function emptyTaps(): AxisTaps {
  return { n: -1, domain: 0, crop: 0, offset: 0, limit: 0, mode: '', stride: 0, cubic: false, start: new Int32Array(0), index: new Int32Array(0), weight: new Float32Array(0), fill: new Float32Array(0), maxTaps: 0 };
}

/**
 * Antialiased taps for `n` output samples over a source domain of `domain` samples: when shrinking
 * (`s = domain / n > 1`) each output is the average of a box of `max(1, 0.85 s)` source pixels
 * centred on it (`(i + 0.5) * s`), partial pixels weighted by coverage; when enlarging or at equal
 * size it is bilinear with half-pixel centres (`(i + 0.5) * s - 0.5`, clamped), or with `cubic`
 * Keys bicubic (a = -0.75) when enlarging, so the filter is always sized to the scale.
 *
 * Domain sample `j` is crop sample `j` (samples `j >= crop` are padding to a multiple, filled by
 * `mode` from the crop), and crop sample `j` is image sample `offset + j` (outside `[0, limit)`
 * filled by `mode` from the image) — the same composition as cropping, then padding, then resizing.
 * @internal
 */
export function areaTaps(t: AxisTaps, n: number, domain: number, crop: number, offset: number, limit: number, mode: FillMode, stride: number, cubic = false): AxisTaps {
  if (t.n === n && t.domain === domain && t.crop === crop && t.offset === offset && t.limit === limit && t.mode === mode && t.stride === stride && t.cubic === cubic) return t;
  const s = domain / n;
  const per = s > 1 ? Math.ceil(s * BOX_WIDTH) + 2 : 4;
  if (t.start.length < n + 1) t.start = new Int32Array(n + 1);
  if (t.fill.length < n) t.fill = new Float32Array(n);
  if (t.index.length < n * per) {
    t.index = new Int32Array(n * per);
    t.weight = new Float32Array(n * per);
  }
  const { start, index, weight, fill } = t;
  let k = 0;
  let maxTaps = 0;
  const push = (j: number, w: number, i: number): void => {
    let src = j < crop ? j : borderIndex(j, crop, mode);
    if (src >= 0) src = borderIndex(offset + src, limit, mode);
    if (src < 0) fill[i]! += w;
    else {
      index[k] = src * stride;
      weight[k++] = w;
    }
  };
  for (let i = 0; i < n; i++) {
    start[i] = k;
    fill[i] = 0;
    if (s > 1) {
      const bw = Math.max(1, s * BOX_WIDTH);
      const lo = (i + 0.5) * s - bw / 2, hi = lo + bw;
      const j0 = Math.max(0, Math.floor(lo)), j1 = Math.min(domain, Math.ceil(hi));
      for (let j = j0; j < j1; j++) {
        const w = (Math.min(hi, j + 1) - Math.max(lo, j)) / bw;
        if (w > 1e-9) push(j, w, i);
      }
    } else if (cubic && s < 1) {
      // Keys cubic, a = -0.75 (OpenCV INTER_CUBIC), edge samples replicated
      const f = (i + 0.5) * s - 0.5;
      const i0 = Math.floor(f), u = f - i0;
      const u1 = u + 1, u2 = 1 - u, u3 = 2 - u;
      push(clampTo(i0 - 1, domain), ((A * u1 - 5 * A) * u1 + 8 * A) * u1 - 4 * A, i);
      push(clampTo(i0, domain), ((A + 2) * u - (A + 3)) * u * u + 1, i);
      push(clampTo(i0 + 1, domain), ((A + 2) * u2 - (A + 3)) * u2 * u2 + 1, i);
      push(clampTo(i0 + 2, domain), ((A * u3 - 5 * A) * u3 + 8 * A) * u3 - 4 * A, i);
    } else {
      let f = (i + 0.5) * s - 0.5;
      if (f < 0) f = 0;
      let j0 = Math.floor(f);
      if (j0 > domain - 1) j0 = domain - 1;
      const u = f - j0;
      push(j0, 1 - u, i);
      if (u > 0) push(Math.min(j0 + 1, domain - 1), u, i);
    }
    if (k - start[i]! > maxTaps) maxTaps = k - start[i]!;
  }
  start[n] = k;
  Object.assign(t, { n, domain, crop, offset, limit, mode, stride, cubic, maxTaps });
  return t;
}

