// Video mode vs exact mode on the tracking issue's generated clips: MOT metrics (IDF1, MOTA, ID
// switches, ids, short ids) of detect → track → landmarks (exact: the detector on every frame) and of
// trackLandmarks → track (video mode: the detector every `detectEvery` frames, crops placed from the
// landmarks in between), on the pan/zoom clips of @facepipe/detector's test support (a window over a
// still dlib photo, exact boxes per frame), encoded to H.264 and decoded again. The CLI's detector and
// tracker settings. Prints ONE JSON object on stdout; progress goes to stderr.
// Build first (npm run build). BENCH_QUICK=1 runs the pan clip only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { from, lastValueFrom, map, toArray } from 'rxjs';
import { readFrames } from '@facepipe/core';
import { FaceDetector, detectFaces, evaluateTracks, trackFaces } from '@facepipe/detector';
import { makePanClip, panClipSpecs, writePanClip } from '../../detector/dist/test-support/make-pan-clip.js';
import { DEFAULT_DETECT_EVERY, LandmarkDetector, detectLandmarks, trackLandmarks } from '../dist/index.js';
import { logger, quick, round, shared } from '../../../scripts/bench-kit.mjs';

const log = logger('video-mode-tracking');
const r4 = (x) => round(x, 4);
const IOU = 0.5;
// `facepipe run`'s settings (apps/video-cli/src/stages/create-stage-pipeline.ts TRACKING)
const TRACKER = { highScore: 0.6, minHits: 3 };
const figures = (e) => ({ idf1: r4(e.idf1), mota: r4(e.mota), idSwitches: e.idSwitches, fragmentations: e.fragmentations, groundTruthTracks: e.groundTruthTracks, predictedTracks: e.predictedTracks, shortTracks: e.shortTracks, recall: r4(e.recall), precision: r4(e.precision) });

const result = { quick, iou: IOU, detectEvery: DEFAULT_DETECT_EVERY, tracker: TRACKER };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-video-mode-bench-'));
const detector = await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0, scoreThreshold: 0.5 });
const landmarks = await LandmarkDetector.create({ model: 'pfld-ghostone-98', workers: 0 });
try {
  const specs = panClipSpecs(shared);
  for (const name of quick ? ['pan'] : ['pan', 'zoom']) {
    const clip = await makePanClip(specs[name]);
    const { video } = await writePanClip(clip, path.join(tmp, name));
    const frames = await lastValueFrom(readFrames(video).pipe(toArray()));
    const truth = frames.map((_, i) => clip.groundTruth[i] ?? []);
    const exact = await lastValueFrom(from(frames).pipe(detectFaces({ detector }), trackFaces(TRACKER), detectLandmarks({ detector: landmarks }), map((f) => f.results.faces), toArray()));
    const videoMode = await lastValueFrom(from(frames).pipe(trackLandmarks({ detector, landmarks }), trackFaces(TRACKER), map((f) => f.results.faces), toArray()));
    result[name] = { frames: frames.length, exact: figures(evaluateTracks(exact, truth, { iou: IOU })), video_mode: figures(evaluateTracks(videoMode, truth, { iou: IOU })) };
    log(`${name}: ${JSON.stringify(result[name])}`);
  }
} finally {
  await detector.dispose();
  await landmarks.dispose();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(result)}\n`);
