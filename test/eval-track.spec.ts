import fs from 'node:fs';
import path from 'node:path';
import { lastValueFrom, map, toArray } from 'rxjs';
import { readFrames } from '@facepipe/core';
import { detectFaces, evaluateTracks, FaceDetector, loadMotGroundTruth, trackFaces } from '@facepipe/detector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePanClip, panClipSpecs, writePanClip } from '../packages/detector/src/test-support/make-pan-clip.js';
import { assertCliBuilt, readJsonl, runCliSync, shared, tempDir } from './helpers.js';

describe('facepipe eval track on a generated zoom/pan clip (MOTChallenge gt.txt beside an mp4)', () => {
  let dir: string;
  beforeAll(async () => {
    assertCliBuilt();
    dir = tempDir('track');
    await writePanClip(await makePanClip(panClipSpecs(shared).zoom), path.join(dir, 'zoom'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the MOT metrics of the CLI tracker, equal to the library on the decoded video, and scores a run JSONL the same', async () => {
    const seq = path.join(dir, 'zoom');
    const r = runCliSync(['eval', 'track', '--data', seq, '--iou', '0.5']);
    expect(r.code, r.stderr).toBe(0);
    const ev = JSON.parse(r.stdout);
    console.log(`eval track (video mode, zoom clip): ${r.stdout.trim().slice(0, 400)}`);
    expect(ev).toMatchObject({ task: 'track', model: 'ultraface-rfb-320', iou: 0.5, groundTruthTracks: 6, frames: 90 });
    expect(ev.idf1).toBeGreaterThanOrEqual(0.95);
    expect(ev.idSwitches).toBe(0);
    expect(ev.shortTracks).toBe(0);
    // The same computation through the package API (the CLI's detector and tracker settings).
    const detector = await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0, scoreThreshold: 0.5 });
    const faces = await lastValueFrom(readFrames(path.join(seq, 'clip.mp4')).pipe(detectFaces({ detector }), trackFaces({ highScore: 0.6 }), map((f) => f.results.faces), toArray()));
    await detector.dispose();
    const gt = await loadMotGroundTruth(seq);
    const lib = evaluateTracks(faces, faces.map((_, i) => gt.frames[i] ?? []), { iou: 0.5 });
    expect(ev.idf1).toBeCloseTo(lib.idf1, 4);
    expect(ev.mota).toBeCloseTo(lib.mota, 4);
    expect(ev.idSwitches).toBe(lib.idSwitches);
    // `facepipe run` JSONL scored with --predictions: the same ids, so the same figures.
    const out = path.join(dir, 'run');
    expect(runCliSync(['run', path.join(seq, 'clip.mp4'), '--stages', 'detect', '--out', out, '-q']).code).toBe(0);
    const lines = readJsonl(path.join(out, 'clip.jsonl'));
    expect(lines).toHaveLength(90);
    const scored = runCliSync(['eval', 'track', '--data', path.join(seq, 'gt', 'gt.txt'), '--predictions', path.join(out, 'clip.jsonl'), '--iou', '0.5']);
    expect(scored.code, scored.stderr).toBe(0);
    expect(JSON.parse(scored.stdout)).toMatchObject({ idf1: ev.idf1, mota: ev.mota, idSwitches: ev.idSwitches, predictedTracks: ev.predictedTracks });
  });

  it('bad --data is a usage error naming what is missing', () => {
    const r = runCliSync(['eval', 'track', '--data', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a folder without gt/gt.txt or gt.txt (MOTChallenge ground truth)');
  });
});
