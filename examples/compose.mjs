// A composed facepipe pipeline: decode a video, detect and track faces, 98 landmarks, head pose, portrait mask.
// Run from the repository root after `npm ci`:  node examples/compose.mjs [video]
// Models resolve through FACEPIPE_MODELS (defaults to ../shared/models beside the repository).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lastValueFrom } from 'rxjs';
import { reduce } from 'rxjs/operators';
import { readFrames, releaseFrames } from '@facepipe/core';
import { detectFaces, trackFaces } from '@facepipe/detector';
import { detectLandmarks, estimatePose, smoothFaces } from '@facepipe/landmarks';
import { segmentPortrait } from '@facepipe/segmentation';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.FACEPIPE_MODELS ??= path.resolve(root, '../shared/models');
const video = process.argv[2] ?? path.resolve(root, '../shared/data/video/driving.mp4');

const summary = await lastValueFrom(
  readFrames(video, { every: 5, release: 'manual', maxInFlight: 8 }).pipe(
    detectFaces({ model: 'ultraface-rfb-320', workers: 1 }),
    trackFaces({ minHits: 1 }),
    detectLandmarks({ model: 'pfld-ghostone-98', workers: 1 }),
    estimatePose({ method: 'fsanet', workers: 1 }),
    smoothFaces(),
    segmentPortrait({ model: 'prisma-unet-256', workers: 1 }),
    releaseFrames(),
    reduce(
      (acc, frame) => {
        const face = frame.results.faces?.[0];
        acc.frames++;
        if (face) {
          acc.withFace++;
          acc.ids.add(face.id);
          acc.last = { frame: frame.index, timeMs: Math.round(frame.timeMs), box: face.box.map(Math.round), points: (face.landmarks?.length ?? 0) / 2, pose: face.pose };
        }
        acc.coverage += frame.results.mask?.coverage ?? 0;
        return acc;
      },
      { frames: 0, withFace: 0, ids: new Set(), coverage: 0, last: undefined },
    ),
  ),
);

console.log(
  JSON.stringify({
    video: path.basename(video),
    frames: summary.frames,
    framesWithFace: summary.withFace,
    trackIds: [...summary.ids],
    meanMaskCoverage: Number((summary.coverage / Math.max(1, summary.frames)).toFixed(3)),
    lastFace: summary.last,
  }),
);
