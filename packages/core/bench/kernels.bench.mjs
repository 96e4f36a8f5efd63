// Preprocessing kernel benchmark. Imports the BUILT package: run `npx tsc -b packages/core/tsconfig.lib.json` first.
// Usage: node packages/core/bench/kernels.bench.mjs   (BENCH_QUICK=1 for a ~10 s smoke run)
// Prints ONE JSON object on stdout (median wall time per call, ms); progress goes to stderr.
import { performance } from 'node:perf_hooks';
import {
  cropImage,
  imageToTensor,
  letterboxImage,
  padToMultiple,
  resizeImage,
  resizeToTensor,
  resizeWithSharp,
  warpAffine,
} from '../dist/index.js';
import { median, quick } from '../../../scripts/bench-kit.mjs';

/** Time budget per case (ms) and bounds on iterations. */
const budgetMs = quick ? 250 : 2000;
const maxIters = quick ? 200 : 2000;
const minIters = quick ? 3 : 5;
const warmups = quick ? 1 : 3;

/** Deterministic textured RGB image (not flat, so no branch is trivially predictable). */
function makeImage(width, height, channels = 3) {
  const data = new Uint8Array(width * height * channels);
  let s = 12345;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = ((i % (width * channels)) * 7 + (s >>> 24)) & 255;
  }
  return { width, height, channels, data };
}

async function time(name, fn) {
  for (let i = 0; i < warmups; i++) await fn(); // warm-up (JIT, sharp thread pool)
  const samples = [];
  const start = performance.now();
  while (samples.length < maxIters && (samples.length < minIters || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  const ms = Number(median(samples).toFixed(4));
  process.stderr.write(`${name}: ${ms} ms (median of ${samples.length})\n`);
  return ms;
}

const result = {};
const img320 = makeImage(320, 240);
const img640 = makeImage(640, 360);
const img1280 = makeImage(1280, 720);
const img1920 = makeImage(1920, 1080);
const img3840 = makeImage(3840, 2160);

const tensorOut = new Float32Array(3 * 320 * 240);
result.normalize320x240_ms = await time('imageToTensor 320x240 RGB (x-127)/128, out reused', () => imageToTensor(img320, { mean: 127, std: 128, out: tensorOut }));
result.normalize320x240Bgr_ms = await time('imageToTensor 320x240 BGR per-channel', () =>
  imageToTensor(img320, { mean: [123.7, 116.3, 103.5], std: [58.4, 57.1, 57.4], channelOrder: 'BGR', out: tensorOut }));

const out320 = new Uint8Array(320 * 240 * 3);
const out112 = new Uint8Array(112 * 112 * 3);
result.resizeBilinear640x360to320x240_ms = await time('resizeImage bilinear 640x360 -> 320x240', () => resizeImage(img640, 320, 240, { out: out320 }));
result.resizeBicubic640x360to320x240_ms = await time('resizeImage bicubic 640x360 -> 320x240', () => resizeImage(img640, 320, 240, { kernel: 'bicubic', out: out320 }));
result.resizeNearest640x360to320x240_ms = await time('resizeImage nearest 640x360 -> 320x240', () => resizeImage(img640, 320, 240, { kernel: 'nearest', out: out320 }));

// JS vs sharp to 320x240 across source sizes (crossover)
for (const [label, img] of [['640x360', img640], ['1280x720', img1280], ['1920x1080', img1920], ['3840x2160', img3840]]) {
  result[`resizeJsBilinear${label}to320x240_ms`] = await time(`resizeImage bilinear ${label} -> 320x240`, () => resizeImage(img, 320, 240, { out: out320 }));
  result[`resizeSharpLinear${label}to320x240_ms`] = await time(`resizeWithSharp linear ${label} -> 320x240`, () => resizeWithSharp(img, 320, 240, { kernel: 'linear' }));
}
// Detector input, frame -> tensor: the fused antialiased pass (default) against the former
// non-antialiased bilinear + normalise passes, per source size (ratio > 1: fused is faster)
const scratch = {};
const norm = { mean: [127, 127, 127], std: [128, 128, 128] };
for (const [label, img] of [['640x360', img640], ['1280x720', img1280], ['1920x1080', img1920]]) {
  const fused = await time(`resizeToTensor (area) ${label} -> 320x240`, () => resizeToTensor(img, { width: 320, height: 240, ...norm, out: tensorOut, scratch }));
  const twoPass = await time(`resizeImage bilinear + imageToTensor ${label} -> 320x240`, () => imageToTensor(resizeImage(img, 320, 240, { out: out320 }), { mean: 127, std: 128, out: tensorOut }));
  result[`resizeToTensorArea${label}to320x240_ms`] = fused;
  result[`bilinearPlusToTensor${label}to320x240_ms`] = twoPass;
  result[`resizeToTensorArea${label}_vs_bilinear_speed_ratio`] = Number((twoPass / fused).toFixed(3));
}
// Face crop to a 112 PFLD input: fused crop + area/bicubic-enlarge against crop copy + 8-bit bicubic + normalise
const faceOut = new Float32Array(3 * 112 * 112);
const pfld = { mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] };
for (const side of [80, 200]) {
  const region = { x: 1800, y: -40, width: side, height: side };
  const fused = await time(`resizeToTensor crop ${side} (partly outside) -> 112`, () => resizeToTensor(img1920, { width: 112, height: 112, region, ...pfld, enlarge: 'bicubic', out: faceOut, scratch }));
  const old = await time(`cropImage ${side} + bicubic 112 + imageToTensor`, () => imageToTensor(resizeImage(cropImage(img1920, region), 112, 112, { kernel: 'bicubic', out: out112 }), { ...pfld, out: faceOut }));
  result[`faceCrop${side}to112Fused_ms`] = fused;
  result[`faceCrop${side}to112CropBicubicToTensor_ms`] = old;
}

// Upscale direction too (JS cost follows the output size)
result.resizeJsBilinear640x360to1920x1080_ms = await time('resizeImage bilinear 640x360 -> 1920x1080', () => resizeImage(img640, 1920, 1080));
result.resizeSharpLinear640x360to1920x1080_ms = await time('resizeWithSharp linear 640x360 -> 1920x1080', () => resizeWithSharp(img640, 1920, 1080, { kernel: 'linear' }));

// Face-crop path (landmarks): square crop partly outside + bicubic 112, and an aligned warp
result.cropEdge200to112Bicubic1920x1080_ms = await time('cropImage 200x200 (partly outside) + bicubic 112x112', () =>
  resizeImage(cropImage(img1920, { x: 1800, y: -40, width: 200, height: 200 }), 112, 112, { kernel: 'bicubic', out: out112 }));
const s = 112 / 200, th = 0.3;
const m = [s * Math.cos(th), -s * Math.sin(th), -500, s * Math.sin(th), s * Math.cos(th), -300];
result.warpAffineBilinear112_ms = await time('warpAffine bilinear -> 112x112', () => warpAffine(img1920, m, 112, 112, { out: out112 }));
result.warpAffineBicubic112_ms = await time('warpAffine bicubic -> 112x112', () => warpAffine(img1920, m, 112, 112, { interpolation: 'bicubic', out: out112 }));
result.letterbox1280x720to640x640_ms = await time('letterboxImage 1280x720 -> 640x640', () => letterboxImage(img1280, 640, 640));
result.padToMultiple32_1280x720_ms = await time('padToMultiple 1280x720 -> 1280x736', () => padToMultiple(img1280, 32));

result.quick = quick;
result.node = process.version;
process.stdout.write(`${JSON.stringify(result)}\n`);
