import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelInputSpec } from '../models/model-spec.js';
import type { ImageData8, Rect } from '../tensor/image.js';
import { cropImage } from './crop-image.js';
import { imageToTensor } from './image-to-tensor.js';
import { letterboxImage } from './letterbox-image.js';
import { padToMultiple } from './pad-to-multiple.js';
import { prepareInput, type PrepareInputScratch } from './prepare-input.js';
import { readImage } from './read-image.js';
import { resizeBilinear } from './resize-bilinear.js';
import { resizeImage } from './resize-image.js';
import { resizeWithSharp } from './resize-with-sharp.js';

const shared = process.env.FACEPIPE_SHARED!;
// The input specs of the stages' models (facts of shared/ASSETS.md; core depends on no stage, and
// each stage's own specs check its registered inputs against the model files).
const INPUTS: Record<string, ModelInputSpec> = {
  'ultraface-rfb-320': { name: 'input', width: 320, height: 240, layout: 'NCHW', channelOrder: 'RGB', mean: [127, 127, 127], std: [128, 128, 128], resize: 'squash' },
  'yunet-640': { name: 'input', width: 640, height: 640, layout: 'NCHW', channelOrder: 'BGR', mean: [0, 0, 0], std: [1, 1, 1], resize: 'letterbox' },
  'pfld-ghostone-98': { name: 'input', width: 112, height: 112, layout: 'NCHW', channelOrder: 'RGB', mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5], resize: 'face-crop' },
  'ultraface-rfb-320-sim': { name: 'input', width: 320, height: 240, layout: 'NCHW', channelOrder: 'RGB', mean: [127, 127, 127], std: [128, 128, 128], resize: 'squash' },
  'prisma-unet-256': { name: 'input_3', width: 256, height: 256, layout: 'NCHW', channelOrder: 'RGB', mean: [0, 0, 0], std: [255, 255, 255], resize: 'squash' },
  'sinet-320': { name: 'data', width: 320, height: 320, layout: 'NCHW', channelOrder: 'BGR', mean: [126.91212, 111.25247, 102.890434], std: [66.355705 * 255, 62.82138 * 255, 62.93292 * 255], resize: 'squash' },
  'fsanet-1x1': { name: 'input', width: 64, height: 64, layout: 'NCHW', channelOrder: 'BGR', mean: [127.5, 127.5, 127.5], std: [128, 128, 128], resize: 'face-crop' },
};
const input = (id: string): ModelInputSpec => INPUTS[id]!;

/** Number of elements whose bits differ (0 = bit-identical). */
function bitDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) n++;
  return n;
}

// ---- The computations the callers did before they shared prepareInput (kept here as references) ----

/** packages/detector face-detector.ts #prepare (squash / letterbox with a constant canvas; bilinear or sharp lanczos3). */
async function oldDetector(image: ImageData8, W: number, H: number, resize: 'squash' | 'letterbox', resampler: 'bilinear' | 'sharp', padValue: number, norm: ModelInputSpec) {
  const rs = (im: ImageData8, w: number, h: number) => (resampler === 'sharp' ? resizeWithSharp(im, w, h, { kernel: 'lanczos3' }) : resizeBilinear(im, w, h));
  const c = image.channels;
  let src: ImageData8;
  let map: { sx: number; sy: number };
  if (resize === 'squash') {
    src = image.width === W && image.height === H ? image : await rs(image, W, H);
    map = { sx: image.width / W, sy: image.height / H };
  } else {
    const scale = Math.min(W / image.width, H / image.height);
    const cw = Math.max(1, Math.min(W, Math.round(image.width * scale)));
    const ch = Math.max(1, Math.min(H, Math.round(image.height * scale)));
    const content = cw !== image.width || ch !== image.height ? await rs(image, cw, ch) : image;
    const canvas = new Uint8Array(W * H * c).fill(padValue);
    for (let y = 0; y < ch; y++) canvas.set(content.data.subarray(y * cw * c, (y + 1) * cw * c), y * W * c);
    src = { width: W, height: H, channels: c, data: canvas };
    map = { sx: image.width / cw, sy: image.height / ch };
  }
  return { data: imageToTensor(src, { mean: norm.mean, std: norm.std, channelOrder: norm.channelOrder }).data, map };
}

/** packages/segmentation prepare-input.ts + imageToTensor in PortraitSegmenter.infer. */
function oldSegmentation(image: ImageData8, norm: ModelInputSpec, policy: 'squash' | 'letterbox' | 'pad-to-multiple', mode: 'edge' | 'constant', value: number, multiple: number) {
  const { width, height } = norm;
  let prepared: { image: ImageData8; contentWidth: number; contentHeight: number };
  if (policy === 'letterbox') {
    const lb = letterboxImage(image, width, height, { mode, value });
    prepared = { image: lb.image, contentWidth: lb.contentWidth, contentHeight: lb.contentHeight };
  } else if (policy === 'pad-to-multiple') {
    const padded = padToMultiple(image, multiple, { mode, value });
    const pw = padded.image.width, ph = padded.image.height;
    const resized = pw === width && ph === height ? padded.image : resizeImage(padded.image, width, height);
    prepared = { image: resized, contentWidth: (image.width * width) / pw, contentHeight: (image.height * height) / ph };
  } else {
    prepared = { image: image.width === width && image.height === height ? image : resizeImage(image, width, height), contentWidth: width, contentHeight: height };
  }
  return { ...prepared, data: imageToTensor(prepared.image, { mean: norm.mean, std: norm.std, channelOrder: norm.channelOrder }).data };
}

/** packages/quantize preprocess-for-input.ts. */
function oldQuantize(frame: ImageData8, norm: ModelInputSpec): Float32Array {
  const { width, height } = norm;
  let image: ImageData8;
  if (norm.resize === 'letterbox') image = letterboxImage(frame, width, height).image;
  else if (norm.resize === 'face-crop') {
    const side = Math.min(frame.width, frame.height);
    const crop = cropImage(frame, { x: Math.floor((frame.width - side) / 2), y: Math.floor((frame.height - side) / 2), width: side, height: side });
    image = resizeImage(crop, width, height, { kernel: 'bicubic' });
  } else image = resizeBilinear(frame, width, height);
  return imageToTensor(image, { mean: norm.mean, std: norm.std, channelOrder: norm.channelOrder }).data;
}

/** landmarks landmark-detector.ts / fsanet-pose-estimator.ts / quantize face-crop-preprocess.ts: crop (black outside), resize, normalise. */
function oldFaceCrop(image: ImageData8, rect: Rect, norm: ModelInputSpec, kernel: 'bicubic' | 'bilinear'): Float32Array {
  const crop = cropImage(image, rect, { fill: 'constant', value: 0 });
  const small = resizeImage(crop, norm.width, norm.height, { kernel });
  return imageToTensor(small, { mean: norm.mean, std: norm.std, channelOrder: norm.channelOrder }).data;
}

// ------------------------------------------------------------------------------------------------

let wide: ImageData8; // fr_two_people.jpg
let pascal: ImageData8; // a PASCAL VOC photo
beforeAll(async () => {
  wide = await readImage(path.join(shared, 'data/photos/fr_two_people.jpg'));
  pascal = await readImage(path.join(shared, 'data/faces/dlib_pascal/images/2008_001322.jpg'));
});

describe('prepareInput is bit-identical to the per-stage copies it replaces (real photos)', () => {
  it('detector: UltraFace squash and YuNet letterbox, bilinear and sharp, with a pooled out and scratch', async () => {
    const scratch: PrepareInputScratch = {};
    for (const img of [wide, pascal]) {
      const uf = input('ultraface-rfb-320');
      const ref = await oldDetector(img, 320, 240, 'squash', 'bilinear', 0, uf);
      const out = new Float32Array(3 * 320 * 240);
      const got = prepareInput(img, uf, { fit: 'squash', resampler: 'bilinear', out, scratch });
      expect(got.tensor.data).toBe(out);
      expect(got.tensor.dims).toEqual([1, 3, 240, 320]);
      expect(bitDiff(got.tensor.data, ref.data)).toBe(0);
      expect([got.scaleX, got.scaleY, got.offsetX, got.offsetY]).toEqual([ref.map.sx, ref.map.sy, 0, 0]);

      const yn = input('yunet-640');
      for (const padValue of [0, 114]) {
        const r = await oldDetector(img, 640, 640, 'letterbox', 'bilinear', padValue, yn);
        const g = prepareInput(img, yn, { padValue, resampler: 'bilinear', scratch });
        expect(bitDiff(g.tensor.data, r.data)).toBe(0);
        expect([g.scaleX, g.scaleY]).toEqual([r.map.sx, r.map.sy]);
      }
      const rs = await oldDetector(img, 640, 640, 'letterbox', 'sharp', 0, yn);
      const gs = await prepareInput(img, yn, { resampler: 'sharp', scratch });
      expect(bitDiff(gs.tensor.data, rs.data)).toBe(0);
      const rq = await oldDetector(img, 320, 240, 'squash', 'sharp', 0, uf);
      const gq = await prepareInput(img, uf, { fit: 'squash', resampler: 'sharp' });
      expect(bitDiff(gq.tensor.data, rq.data)).toBe(0);
    }
    // a frame already at the network size goes through without a resize
    const same = resizeBilinear(wide, 320, 240);
    expect(prepareInput(same, input('ultraface-rfb-320'), { resampler: 'bilinear' }).image).toBe(same);
  });

  it('segmentation: Prisma-Net / SINet under squash, letterbox (edge, constant) and pad-to-multiple', () => {
    for (const img of [wide, pascal]) {
      for (const id of ['prisma-unet-256', 'sinet-320']) {
        const spec = input(id);
        const cases = [
          ['squash', 'edge', 0, 32],
          ['letterbox', 'edge', 0, 32],
          ['letterbox', 'constant', 7, 32],
          ['pad-to-multiple', 'edge', 0, 32],
          ['pad-to-multiple', 'constant', 0, 100],
        ] as const;
        for (const [fit, padding, padValue, multiple] of cases) {
          const ref = oldSegmentation(img, spec, fit, padding, padValue, multiple);
          const got = prepareInput(img, spec, { fit, padding, padValue, multiple, resampler: 'bilinear' });
          expect(bitDiff(got.tensor.data, ref.data), `${id} ${fit} ${padding}`).toBe(0);
          expect([got.contentWidth, got.contentHeight]).toEqual([ref.contentWidth, ref.contentHeight]);
          expect(Buffer.from(got.image!.data).equals(Buffer.from(ref.image!.data))).toBe(true);
        }
      }
    }
  });

  it('quantize calibration: registry specs (squash, letterbox) and the centre-square face-crop region', () => {
    for (const img of [wide, pascal]) {
      for (const id of ['ultraface-rfb-320-sim', 'yunet-640', 'prisma-unet-256', 'sinet-320']) {
        const spec = input(id);
        expect(bitDiff(prepareInput(img, spec, { resampler: 'bilinear' }).tensor.data, oldQuantize(img, spec)), id).toBe(0);
      }
      const pfld = input('pfld-ghostone-98');
      const side = Math.min(img.width, img.height);
      const region = { x: Math.floor((img.width - side) / 2), y: Math.floor((img.height - side) / 2), width: side, height: side };
      expect(bitDiff(prepareInput(img, pfld, { region, resampler: 'bicubic' }).tensor.data, oldQuantize(img, pfld))).toBe(0);
    }
  });

  it('face crops: PFLD (bicubic) and FSA-Net (bilinear) regions leaving the frame, offsets in frame pixels', () => {
    const scratch: PrepareInputScratch = {};
    const rects: Rect[] = [
      { x: 120, y: 40, width: 90, height: 90 },
      { x: -30, y: -12, width: 100, height: 100 }, // top-left outside
      { x: wide.width - 50, y: wide.height - 40, width: 112, height: 112 }, // bottom-right outside, already 112
      { x: 200, y: 60, width: 70, height: 95 }, // FSA-Net's tight, non-square box
    ];
    for (const rect of rects) {
      const pfld = input('pfld-ghostone-98');
      const out = new Float32Array(2 * 3 * 112 * 112).subarray(3 * 112 * 112);
      const got = prepareInput(wide, pfld, { region: rect, resampler: 'bicubic', out, scratch });
      expect(bitDiff(got.tensor.data, oldFaceCrop(wide, rect, pfld, 'bicubic'))).toBe(0);
      expect([got.offsetX, got.offsetY, got.scaleX, got.scaleY]).toEqual([rect.x, rect.y, rect.width / 112, rect.height / 112]);
      const fsa = input('fsanet-1x1');
      expect(bitDiff(prepareInput(wide, fsa, { region: rect, resampler: 'bilinear' }).tensor.data, oldFaceCrop(wide, rect, fsa, 'bilinear'))).toBe(0);
    }
  });
});

describe('prepareInput mapping and pooling', () => {
  it('maps a letterboxed point back to the frame and fills only the padding band', () => {
    const spec = input('yunet-640');
    const got = prepareInput(wide, spec, { padValue: 255, resampler: 'bilinear' });
    const s = Math.min(640 / wide.width, 640 / wide.height);
    expect(got.contentWidth).toBe(Math.min(640, Math.round(wide.width * s)));
    expect(got.scaleX).toBeCloseTo(1 / s, 2);
    // BGR raw pixels: plane 0 is blue; the last row is padding when the content is shorter than 640
    if (got.contentHeight < 640) expect(got.tensor.data[639 * 640]).toBe(255);
    // raw BGR: plane 0 holds the blue channel of the 8-bit network image, plane 2 the red one
    expect(got.tensor.data[0]).toBe(got.image!.data[2]);
    expect(got.tensor.data[2 * 640 * 640 + 1]).toBe(got.image!.data[3]);
  });

  it('reuses scratch buffers across calls of the same size', () => {
    const scratch: PrepareInputScratch = {};
    prepareInput(wide, input('ultraface-rfb-320'), { resampler: 'bilinear', scratch });
    const resized = scratch.resized;
    expect(resized?.length).toBe(320 * 240 * 3);
    prepareInput(pascal, input('ultraface-rfb-320'), { resampler: 'bilinear', scratch });
    expect(scratch.resized).toBe(resized);
  });
});

describe('prepareInput bad input', () => {
  const spec = () => input('ultraface-rfb-320');
  it('names the input and what was expected', () => {
    expect(() => prepareInput({ width: 2, height: 2, channels: 3, data: new Uint8Array(5) }, spec())).toThrow(/image buffer of 2x2x3/);
    expect(() => prepareInput(wide, spec(), { fit: 'stretch' as never })).toThrow(/`fit`/);
    expect(() => prepareInput(wide, spec(), { resampler: 'lanczos' as never })).toThrow(/`resampler`/);
    expect(() => prepareInput(wide, spec(), { region: { x: 0.5, y: 0, width: 10, height: 10 } })).toThrow(/`region.x`/);
    expect(() => prepareInput(wide, spec(), { region: { x: 0, y: 0, width: 0, height: 10 } })).toThrow(RangeError);
    expect(() => prepareInput(wide, spec(), { padValue: 300 })).toThrow(/`padValue`/);
    expect(() => prepareInput(wide, { ...spec(), width: 0 })).toThrow(/`spec.width`/);
    expect(() => prepareInput(wide, spec(), { out: new Float32Array(10) })).toThrow(/`out`/);
    const gray: ImageData8 = { width: 4, height: 4, channels: 1, data: new Uint8Array(16) };
    expect(() => prepareInput(gray, spec())).toThrow(/3 \(RGB\) or 4 \(RGBA\)/);
  });
});
