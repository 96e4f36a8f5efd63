import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisposedError, ShapeMismatchError, createFrame, liveSessionCount, type Face } from '@facepipe/core';
import { LandmarkDetector } from './landmark-detector.js';
import { evaluateLandmarks } from './evaluate-landmarks.js';
import { loadEvalFaces, type EvalFace } from '../test-support/eval-faces.js';

let faces: EvalFace[] = [];
let missing: string[] = [];

beforeAll(async () => {
  ({ faces, missing } = await loadEvalFaces());
});

async function nmeOf(model: string) {
  const lm = await LandmarkDetector.create({ model, workers: 0 });
  try {
    const pairs = [];
    for (const f of faces) {
      const [out] = await lm.detect(f.frame, [f.face]);
      expect(out!.landmarks, `${model} ${f.file}`).toBeInstanceOf(Float32Array);
      pairs.push({ predicted: out!.landmarks!, truth: f.truth });
    }
    return { ev: evaluateLandmarks(pairs), batched: lm.batched };
  } finally {
    await lm.dispose();
  }
}

describe('LandmarkDetector on the 29 shared annotated faces (UltraFace-RFB-320 boxes)', () => {
  it('matches every ground-truth face to a detection', () => {
    expect(missing).toEqual([]);
    expect(faces).toHaveLength(29);
  });

  it.each([
    // measured with the default fused 'area-bicubic' crops (0.0621 / 0.0641 / 0.0790; 8-bit bicubic crops gave 0.0625 / 0.0640 / 0.0800)
    ['pfld-ghostone-98', 0.0625],
    ['pfld-ghostnet-slim-98', 0.0642],
    ['pfld-68', 0.08],
  ] as const)('%s NME <= %s', async (model, limit) => {
    const { ev, batched } = await nmeOf(model);
    const r = ev.perRegion;
    console.log(
      `[landmarks] ${model}: NME ${ev.nme.toFixed(5)} (median ${ev.medianNme.toFixed(4)}, failures>0.1 ${(ev.failureRate * 100).toFixed(1)}%, n=${ev.count}, batched=${batched}) ` +
        `regions: contour ${r.contour.toFixed(4)} brows ${r.brows.toFixed(4)} nose ${r.nose.toFixed(4)} eyes ${r.eyes.toFixed(4)} mouth ${r.mouth.toFixed(4)}`,
    );
    expect(ev.count).toBe(29);
    expect(ev.nme).toBeLessThanOrEqual(limit);
    expect(ev.nme).toBeGreaterThan(0.02); // a sanity floor: identical points would be a bug in the test
    expect(batched).toBe(true); // pfld-68 is exported dynamic; the GhostOne/GhostNet batch-1 exports are rewritten at load
  });
});

describe('LandmarkDetector bad input', () => {
  let lm: LandmarkDetector;
  beforeAll(async () => {
    lm = await LandmarkDetector.create({ workers: 0 });
  });
  afterAll(async () => {
    await lm.dispose();
  });

  it('handles a face partly outside the frame: finite points, some outside the frame', async () => {
    const f = faces.find((x) => x.file.startsWith('einstein'))!;
    const [x1, y1, x2, y2] = f.face.box;
    // shift the frame so the face hangs over the left edge: crop the frame from the face centre
    const cut = Math.round((x1 + x2) / 2);
    const w = f.frame.width - cut;
    const data = new Uint8Array(w * f.frame.height * 3);
    for (let y = 0; y < f.frame.height; y++) data.set(f.frame.data.subarray((y * f.frame.width + cut) * 3, (y + 1) * f.frame.width * 3), y * w * 3);
    const frame = createFrame({ data, width: w, height: f.frame.height });
    const face: Face = { box: [x1 - cut, y1, x2 - cut, y2], score: 1 };
    const [out] = await lm.detect(frame, [face]);
    expect(out!.landmarks).toHaveLength(196);
    expect(out!.landmarks!.every(Number.isFinite)).toBe(true);
    const xs = Array.from(out!.landmarks!).filter((_, i) => i % 2 === 0);
    expect(Math.min(...xs)).toBeLessThan(0);
    expect(Math.max(...xs)).toBeGreaterThan(0);
  });

  it('passes tiny (< 8 px), degenerate and non-finite boxes through without landmarks', async () => {
    const f = faces[0]!;
    const bad: Face[] = [
      { box: [10, 10, 15, 30], score: 1 },
      { box: [10, 10, 10, 10], score: 1 },
      { box: [Number.NaN, 0, 20, 20], score: 1 },
      f.face,
    ];
    const out = await lm.detect(f.frame, bad);
    expect(out.slice(0, 3).map((o) => o.landmarks)).toEqual([undefined, undefined, undefined]);
    expect(out[3]!.landmarks).toHaveLength(196);
    expect(out[0]).toBe(bad[0]);
  });

  it('refuses a model whose output size does not match the preset', async () => {
    const before = liveSessionCount();
    await expect(LandmarkDetector.create({ model: 'pfld-68', preset: 'pfld-ghostone-98', workers: 0 })).rejects.toBeInstanceOf(ShapeMismatchError);
    await expect(LandmarkDetector.create({ model: 'pfld-68', preset: 'pfld-ghostone-98', workers: 0 })).rejects.toThrow(/output "output".*\[\?, 196\].*136/);
    expect(liveSessionCount()).toBe(before);
  });

  it.each(['pfld-68', 'pfld-ghostone-98'])('%s: all faces of a frame in one run give the same points as one face per run', async (model) => {
    const img = faces.find((f) => f.file.startsWith('2007_007763'))!.frame;
    const same = faces.filter((f) => f.frame === img).map((f) => f.face);
    expect(same.length).toBeGreaterThanOrEqual(5);
    const lm68 = await LandmarkDetector.create({ model, workers: 0 });
    try {
      expect(lm68.batched).toBe(true);
      const all = await lm68.detect(img, same);
      for (const [k, face] of same.entries()) {
        const [one] = await lm68.detect(img, [face]);
        const d = Math.max(...Array.from(one!.landmarks!, (v, i) => Math.abs(v - all[k]!.landmarks![i]!)));
        expect(d).toBeLessThan(1e-3);
      }
    } finally {
      await lm68.dispose();
    }
  });

  it('rejects invalid options with RangeError, bad arguments with TypeError, and use after dispose', async () => {
    await expect(LandmarkDetector.create({ cropScale: 0, workers: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(lm.detect(faces[0]!.frame, null as never)).rejects.toBeInstanceOf(TypeError);
    const other = await LandmarkDetector.create({ workers: 0 });
    await other.dispose();
    await other.dispose(); // idempotent
    await expect(other.detect(faces[0]!.frame, [faces[0]!.face])).rejects.toThrow(new DisposedError('LandmarkDetector', 'pfld-ghostone-98'));
    await expect(other.detect(faces[0]!.frame, [faces[0]!.face])).rejects.toBeInstanceOf(DisposedError);
  });
});
