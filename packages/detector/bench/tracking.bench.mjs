// Tracking benchmark: MOT metrics (IDF1, MOTA, ID switches, fragmentations, ids, short ids) of the
// CLI's detector + tracker settings on the generated pan/zoom clips with exact ground truth
// (src/test-support/make-pan-clip.ts), in two modes: "exact" (the rendered RGB frames go straight
// to the detector) and "video" (the clip is encoded to H.264 mp4 and decoded again with ffmpeg),
// next to the old settings on the current tracker ("old_settings": minHits 1, maxAge 10, no
// re-finding, no low-score stage, detector at 0.6); plus the tracker's own cost per frame.
// Prints ONE JSON object on stdout; progress goes to stderr.
// Build first: npx tsc -b packages/detector/tsconfig.lib.json. BENCH_QUICK=1: fewer timing repeats.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { from, lastValueFrom, map, toArray } from 'rxjs';
import { readFrames } from '@facepipe/core';
import { FaceDetector, detectFaces, evaluateTracks, trackFaces } from '../dist/index.js';
import { makePanClip, panClipSpecs, writePanClip } from '../dist/test-support/make-pan-clip.js';
import { logger, median, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const log = logger('tracking');
const r4 = (x) => round(x, 4);
// The settings of `facepipe run` (apps/video-cli/src/lib/create-stage-pipeline.ts TRACKING).
const TUNED = { detector: { scoreThreshold: 0.5 }, tracker: { highScore: 0.6, minHits: 3 } };
const BEFORE = { detector: { scoreThreshold: 0.6 }, tracker: { minHits: 1, maxAge: 10, refindDistance: 0 } };
const IOU = 0.5;

const figures = (e) => ({
  idf1: r4(e.idf1), mota: r4(e.mota), motp: r4(e.motp), idSwitches: e.idSwitches, fragmentations: e.fragmentations,
  groundTruthTracks: e.groundTruthTracks, predictedTracks: e.predictedTracks, shortTracks: e.shortTracks,
  mostlyTracked: e.mostlyTracked, partiallyTracked: e.partiallyTracked, mostlyLost: e.mostlyLost,
  recall: r4(e.recall), precision: r4(e.precision), falsePositives: e.falsePositives, falseNegatives: e.falseNegatives,
});

const result = { quick, iou: IOU, settings: { tuned: TUNED, old_settings: BEFORE } };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-track-bench-'));
const detectors = {
  tuned: await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0, ...TUNED.detector }),
  old_settings: await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0, ...BEFORE.detector }),
};
try {
  const specs = panClipSpecs(shared);
  for (const name of ['pan', 'zoom']) {
    const clip = await makePanClip(specs[name]);
    const { video } = await writePanClip(clip, path.join(tmp, name));
    const decoded = await lastValueFrom(readFrames(video).pipe(toArray()));
    const out = { frames: clip.frames.length, faces: clip.faces, size: `${clip.frames[0].width}x${clip.frames[0].height}` };
    for (const [mode, frames] of [['exact', clip.frames], ['video', decoded]]) {
      const truth = frames.map((_, i) => clip.groundTruth[i] ?? []);
      for (const [setting, s] of [['tuned', TUNED], ['old_settings', BEFORE]]) {
        const detected = await lastValueFrom(from(frames).pipe(detectFaces({ detector: detectors[setting] }), toArray()));
        const tracked = await lastValueFrom(from(detected).pipe(trackFaces(s.tracker), map((f) => f.results.faces), toArray()));
        out[`${mode}_${setting}`] = figures(evaluateTracks(tracked, truth, { iou: IOU }));
        log(`${name} ${mode} ${setting}: ${JSON.stringify(out[`${mode}_${setting}`])}`);
        if (mode === 'exact' && setting === 'tuned') {
          // Tracker alone (association + motion model), per frame.
          const reps = quick ? 3 : 20;
          const samples = [];
          for (let k = 0; k < reps; k++) {
            const t0 = performance.now();
            await lastValueFrom(from(detected).pipe(trackFaces(s.tracker), toArray()));
            samples.push((performance.now() - t0) / detected.length);
          }
          out.tracker_ms_per_frame = round(median(samples), 4);
        }
      }
    }
    result[name] = out;
  }
} finally {
  await detectors.tuned.dispose();
  await detectors.old_settings.dispose();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(result)}\n`);
