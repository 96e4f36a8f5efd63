import path from 'node:path';
import { it } from 'vitest';
import { lastValueFrom, toArray } from 'rxjs';
import { readFrames } from '@facepipe/core';
import { detectFaces } from './detect-faces.js';
import { trackFaces } from './track-faces.js';
const shared = process.env.FACEPIPE_SHARED!;
it('explore', async () => {
  for (const model of ['ultraface-rfb-320', 'yunet-640']) {
    const t0 = performance.now();
    const frames = await lastValueFrom(readFrames(path.join(shared, 'data/video/short_hamilton_clip.mp4')).pipe(detectFaces({ model, workers: 1 }), trackFaces(), toArray()));
    console.log(model, frames.length, (performance.now() - t0).toFixed(0), 'ms');
    const lines = frames.map((f) => `${f.index}: ` + f.results.faces.map((x) => `#${x.id}[${x.box.map((v) => v.toFixed(0)).join(',')}]${x.score.toFixed(2)}`).join(' '));
    console.log(lines.join('\n'));
  }
}, 300000);
