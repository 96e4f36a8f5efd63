// Segmentation benchmark: frames/s of segmentPortrait on the hamilton clip for both presets with
// 1 and 2 workers, and the per-frame cost of post-processing and compositing at 640x360 / 1280x720.
// Prints ONE JSON object on stdout; progress goes to stderr. BENCH_QUICK=1 for a ~10 s smoke run.
// Needs the built package: npx tsc -b packages/segmentation/tsconfig.lib.json
import path from 'node:path';
import { from, lastValueFrom, toArray, count } from 'rxjs';
import { readFrames, resizeBilinear } from '@facepipe/core';
import { PortraitSegmenter, segmentPortrait, postprocessMask, compositeMask, boxBlur, upsampleProbability } from '../dist/index.js';
import { logger, median, quick, shared } from '../../../scripts/bench-kit.mjs';

process.env.FACEPIPE_MODELS ??= path.join(shared, 'models');
const clip = path.join(shared, 'data/video/short_hamilton_clip.mp4');
const log = logger('segmentation.bench');

function timeIt(fn, reps) {
  fn(); // warm-up
  const t = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return Number(median(t).toFixed(3));
}

const nFrames = quick ? 6 : 90;
log(`decoding ${nFrames} frames of ${path.basename(clip)}`);
const frames = await lastValueFrom(readFrames(clip, { durationMs: Math.ceil((nFrames / 29.97) * 1000) + 40 }).pipe(toArray()));
frames.length = Math.min(frames.length, nFrames);
const result = { frames: frames.length, frameSize: `${frames[0].width}x${frames[0].height}` };

for (const [name, model] of [['prisma', 'prisma-unet-256'], ['sinet', 'sinet-320']]) {
  for (const workers of [1, 2]) {
    const seg = await PortraitSegmenter.create({ model, workers, intraOpThreads: 1 });
    // warm-up: one frame per worker
    await lastValueFrom(from(frames.slice(0, workers)).pipe(segmentPortrait({ segmenter: seg }), count()));
    const t0 = performance.now();
    const n = await lastValueFrom(from(frames).pipe(segmentPortrait({ segmenter: seg }), count()));
    const ms = performance.now() - t0;
    await seg.dispose();
    result[`${name}_${workers}worker${workers > 1 ? 's' : ''}_fps`] = Number(((n * 1000) / ms).toFixed(2));
    log(name, workers, 'workers', result[`${name}_${workers}worker${workers > 1 ? 's' : ''}_fps`], 'fps');
  }
}

// post-processing and compositing cost per frame size, from a real probability map
const seg = await PortraitSegmenter.create({ workers: 0, intraOpThreads: 1 });
const prob = await seg.infer(frames[0]);
await seg.dispose();
const reps = quick ? 4 : 40;
for (const [w, h] of [[640, 360], [1280, 720]]) {
  const frame = w === frames[0].width && h === frames[0].height ? frames[0] : resizeBilinear(frames[0], w, h);
  const key = `${w}x${h}`;
  result[`upsample${key}_ms`] = timeIt(() => upsampleProbability(prob, w, h), reps);
  result[`upsampleFeather3_${key}_ms`] = timeIt(() => postprocessMask(prob, w, h, { feather: 3 }), reps);
  const mask = postprocessMask(prob, w, h, { feather: 3 });
  result[`compositeColor${key}_ms`] = timeIt(() => compositeMask(frame, [0, 177, 64], mask), reps);
  result[`blurBackground12_${key}_ms`] = timeIt(() => {
    const b = boxBlur(frame, 12, { passes: 3 });
    compositeMask(frame, b, mask, { out: b.data });
  }, reps);
  result[`postprocessAndBlurComposite${key}_ms`] = timeIt(() => {
    const m = postprocessMask(prob, w, h, { feather: 3 });
    const b = boxBlur(frame, 12, { passes: 3 });
    compositeMask(frame, b, m, { out: b.data });
  }, reps);
  log(key, 'done');
}
result.quick = quick;
console.log(JSON.stringify(result));
