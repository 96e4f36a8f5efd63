import path from 'node:path';
import { concatMap, from, lastValueFrom, map, toArray, type Observable } from '../../shared/rxjs.js';
import { readFrames, readImage, type Frame } from '@facepipe/core';
import { evaluateTracks, loadMotGroundTruth, type GroundTruthTrackBox, type TrackEvaluation, type TrackedBox } from '@facepipe/detector';
import type { EvalOptions } from './eval-options.js';
import { createStagePipeline } from '../../stages/create-stage-pipeline.js';
import { UsageError } from '../../shared/usage-error.js';
import { findTrackSequence } from './find-track-sequence.js';
import { readTrackedJsonl } from './read-tracked-jsonl.js';

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/** Ids of each sequence are offset by this, so pooled sequences never share an id. */
const SEQUENCE_ID_STRIDE = 1_000_000;

/** The metrics of {@link evaluateTracks} as the CLI prints them (ratios rounded to 4 decimals). */
function metrics(e: TrackEvaluation): Record<string, number> {
  return {
    mota: r4(e.mota),
    motp: r4(e.motp),
    idf1: r4(e.idf1),
    idp: r4(e.idp),
    idr: r4(e.idr),
    idSwitches: e.idSwitches,
    fragmentations: e.fragmentations,
    mostlyTracked: e.mostlyTracked,
    partiallyTracked: e.partiallyTracked,
    mostlyLost: e.mostlyLost,
    groundTruthTracks: e.groundTruthTracks,
    predictedTracks: e.predictedTracks,
    shortTracks: e.shortTracks,
    recall: r4(e.recall),
    precision: r4(e.precision),
    truePositives: e.truePositives,
    falsePositives: e.falsePositives,
    falseNegatives: e.falseNegatives,
    groundTruth: e.groundTruth,
    frames: e.frames,
  };
}

/** Tracker output per frame: `facepipe run --stages detect` on the sequence's frames. */
async function trackSequence(frames: Observable<Frame>, options: EvalOptions): Promise<{ faces: TrackedBox[][]; model: string }> {
  const pipeline = await createStagePipeline({ stages: ['detect'], detector: options.detector, landmarks: options.landmarks, pose: 'fsanet', segmenter: options.segmenter, int8: options.int8, workers: 0 });
  try {
    const faces = await lastValueFrom(frames.pipe(pipeline.operator(), map((f) => [...(f.results.faces ?? [])]), toArray()));
    return { faces, model: options.detector };
  } finally {
    await pipeline.dispose();
  }
}

/**
 * `facepipe eval track --data <seq>`: multi-object tracking metrics (MOTA, MOTP, IDF1/IDP/IDR, ID
 * switches, fragmentations, mostly tracked/partially tracked/mostly lost, ids shorter than 3
 * frames) of the CLI's detector + tracker on MOTChallenge-style ground truth. Each `--data` is a
 * sequence (see {@link findTrackSequence}); frame `i` of the video is frame `i + 1` of gt.txt.
 * With several sequences the metrics are pooled (ids never match across sequences) and listed per
 * sequence too. `predictions` (the `--predictions` option, one sequence only) scores an existing
 * `facepipe run` JSONL instead of running the models.
 *
 * ## Example
 * ```ts
 * await evalTrack({ task: 'track', data: ['clips/pan'], iou: 0.5, detector: 'ultraface-rfb-320', ... });
 * // { task: 'track', idf1: 0.96, mota: 0.93, idSwitches: 0, ..., sequences: [{ data, video, frames, idf1, ... }] }
 * ```
 * @throws {UsageError} for missing data, or ground truth annotating frames the video does not have.
 */
export async function evalTrack(options: EvalOptions): Promise<Record<string, unknown>> {
  if (options.predictions !== undefined && options.data.length !== 1) throw new UsageError('--predictions scores one sequence: give exactly one --data');
  const perSequence: Record<string, unknown>[] = [];
  const allPred: TrackedBox[][] = [];
  const allGt: GroundTruthTrackBox[][] = [];
  let model: string | undefined;
  for (const [k, d] of options.data.entries()) {
    const seq = findTrackSequence(d, options.video);
    const gt = await loadMotGroundTruth(seq.gt);
    let faces: TrackedBox[][];
    if (options.predictions !== undefined) faces = readTrackedJsonl(path.resolve(options.predictions));
    else {
      const frames = seq.frames.kind === 'video' ? readFrames(seq.frames.path) : from(seq.frames.files).pipe(concatMap((f) => readImage(f)));
      const run = await trackSequence(frames, options);
      faces = run.faces;
      model = run.model;
    }
    if (gt.frames.length > faces.length) {
      throw new UsageError(`--data ${d}: the ground truth annotates frame ${gt.frames.length} but ${options.predictions ?? seq.frames.path} has ${faces.length} frames`);
    }
    const truth = faces.map((_, i) => gt.frames[i] ?? []);
    perSequence.push({ data: path.resolve(d), gt: seq.gt, frames: seq.frames.path, ...metrics(evaluateTracks(faces, truth, { iou: options.iou })) });
    const off = k * SEQUENCE_ID_STRIDE;
    for (const f of faces) allPred.push(f.map((x) => (x.id === undefined ? x : { box: x.box, id: x.id + off })));
    for (const f of truth) allGt.push(f.map((x) => ({ ...x, id: x.id + off })));
  }
  return {
    task: 'track',
    ...(model !== undefined ? { model } : { predictions: path.resolve(options.predictions!) }),
    iou: options.iou,
    ...metrics(evaluateTracks(allPred, allGt, { iou: options.iou })),
    sequences: perSequence,
  };
}
