// LandmarkDetector sends all faces of a frame in one split run (batch-1 session runs inside one call):
// its points must be bit-identical to the batched path it replaced (one batch-n session run). core's
// openModel is wrapped to record every run call and, for the reference detector, to turn split off.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Face, Frame, ModelRunner } from '@facepipe/core';
import { LandmarkDetector } from './landmark-detector.js';
import { loadEvalFaces } from '../test-support/eval-faces.js';

const state = vi.hoisted(() => ({
  /** Runners opened while this is set ignore `split`: every run is one batch-n session run (the old path). */
  batchedPath: false,
  /** Every run of a dynamic-batch runner: the input dims and the split option passed. */
  calls: [] as { dims: number[]; split: boolean | undefined }[],
}));

vi.mock('@facepipe/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@facepipe/core')>();
  const openModel: typeof core.openModel = async (source, options) => {
    const opened = await core.openModel(source, options);
    if (options?.batch !== 'dynamic') return opened;
    const { runner } = opened;
    const batchedPath = state.batchedPath;
    const run: ModelRunner['run'] = (feeds, runOptions = {}) => {
      state.calls.push({ dims: [...Object.values(feeds)[0]!.dims], split: runOptions.split });
      return runner.run(feeds, batchedPath ? { ...runOptions, split: false } : runOptions);
    };
    return { ...opened, runner: { ...runner, run } };
  };
  return { ...core, openModel };
});

let frame: Frame;
let faces: Face[] = [];

beforeAll(async () => {
  const all = (await loadEvalFaces()).faces;
  frame = all.find((f) => f.file.startsWith('2007_007763'))!.frame; // a group photo: the most faces in one image
  faces = all.filter((f) => f.frame === frame).map((f) => f.face);
});

async function open(workers: number, batchedPath: boolean): Promise<LandmarkDetector> {
  state.batchedPath = batchedPath;
  try {
    return await LandmarkDetector.create({ model: 'pfld-ghostone-98', workers, intraOpThreads: 1 });
  } finally {
    state.batchedPath = false;
  }
}

describe('LandmarkDetector: all faces of a frame in one split run', () => {
  it.each([0, 1])('workers %i: points bit-identical to one batched run, in one call per frame with split', async (workers) => {
    expect(faces.length).toBeGreaterThanOrEqual(5); // 7 faces
    const batchedLm = await open(workers, true);
    const splitLm = await open(workers, false);
    try {
      expect(splitLm.batched).toBe(true);
      for (const set of [faces, faces.slice(0, 4), faces.slice(1, 3), faces.slice(2, 3)]) {
        for (let round = 0; round < 2; round++) {
          // round 2 runs on recycled input/output buffers
          state.calls.length = 0;
          const want = await batchedLm.detect(frame, set);
          expect(state.calls).toEqual([{ dims: [set.length, 3, 112, 112], split: set.length > 1 }]); // split asked for, then stripped by the wrapper
          state.calls.length = 0;
          const got = await splitLm.detect(frame, set);
          expect(state.calls).toEqual([{ dims: [set.length, 3, 112, 112], split: set.length > 1 }]);
          expect(got).toHaveLength(set.length);
          for (const [k, face] of got.entries()) {
            expect(face.landmarks, `face ${k} of ${set.length}`).toHaveLength(196);
            expect(Array.from(face.landmarks!), `face ${k} of ${set.length}`).toEqual(Array.from(want[k]!.landmarks!));
            expect(face.box).toEqual(set[k]!.box);
          }
        }
      }
    } finally {
      await Promise.all([batchedLm.dispose(), splitLm.dispose()]);
    }
  });

  it('a session with more than 1 intra-op thread gets one batch run per frame (split is slower there)', async () => {
    const lm = await LandmarkDetector.create({ model: 'pfld-ghostone-98', workers: 1, intraOpThreads: 2 });
    try {
      state.calls.length = 0;
      const got = await lm.detect(frame, faces.slice(0, 4));
      expect(state.calls).toEqual([{ dims: [4, 3, 112, 112], split: false }]);
      expect(got.every((f) => f.landmarks?.length === 196)).toBe(true);
    } finally {
      await lm.dispose();
    }
  });
});
