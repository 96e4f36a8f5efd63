import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, readJsonl, runCliSync, shared, tempDir } from './helpers.js';

describe('facepipe quantize, then run --int8', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    assertCliBuilt();
    dir = tempDir('int8');
    env = { XDG_CACHE_HOME: path.join(dir, 'cache') }; // the quantized model goes to this (empty) model cache
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('quantizes UltraFace-RFB-320-sim into the model cache, where --int8 finds it; detections match fp32', () => {
    const before = runCliSync(['run', path.join(shared, 'data/photos/fr_two_people.jpg'), '--detector', 'ultraface-rfb-320-sim', '--int8', '--stages', 'detect', '--out', path.join(dir, 'none')], { env });
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/facepipe quantize ultraface-rfb-320-sim --calib/);

    const q = runCliSync(['quantize', 'ultraface-rfb-320-sim', '--calib', path.join(shared, 'data/calibration/ultraface_imgs'), '--max-images', '8', '--report', path.join(dir, 'report.json')], { env });
    expect(q.code, q.stderr).toBe(0);
    const summary = JSON.parse(q.stdout);
    console.log(`quantize: ${summary.fp32Bytes} -> ${summary.int8Bytes} bytes (ratio ${summary.sizeRatio}), latency ${JSON.stringify(summary.latency)}`);
    expect(summary.output).toBe(path.join(dir, 'cache/facepipe/version-RFB-320_simplified.int8.onnx'));
    expect(summary.sizeRatio).toBeLessThan(0.5);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).outputs.scores.cosine).toBeGreaterThan(0.99);

    const photo = path.join(shared, 'data/photos/fr_two_people.jpg');
    const fp32 = runCliSync(['run', photo, '--detector', 'ultraface-rfb-320-sim', '--stages', 'detect', '--out', path.join(dir, 'fp32')], { env });
    const int8 = runCliSync(['run', photo, '--detector', 'ultraface-rfb-320-sim', '--int8', '--stages', 'detect', '--out', path.join(dir, 'int8')], { env });
    expect(fp32.code, fp32.stderr).toBe(0);
    expect(int8.code, int8.stderr).toBe(0);
    const a = readJsonl(path.join(dir, 'fp32/fr_two_people.jsonl'))[0]!.faces;
    const b = readJsonl(path.join(dir, 'int8/fr_two_people.jsonl'))[0]!.faces;
    expect(b).toHaveLength(a.length);
    for (let i = 0; i < a.length; i++) for (let k = 0; k < 4; k++) expect(Math.abs(b[i].box[k] - a[i].box[k])).toBeLessThan(8);
  });
});
