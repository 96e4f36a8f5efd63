import fs from 'node:fs';
import type { RunRecord } from '../../output/run-record.js';
import type { InputFile } from '../../shared/discover-inputs.js';
import type { RunOptions } from './run-options.js';

/** The options a run record depends on: those of a queued job, plus the family flags of `run`. */
export type RunRecordOptions = Pick<RunOptions, 'stages' | 'pose' | 'every' | 'fps' | 'maxFrames' | 'mode' | 'detectEvery' | 'annotate' | 'masks' | 'int8'> &
  Partial<Pick<RunOptions, 'detectorFamily' | 'landmarksFamily' | 'segmenterFamily'>>;

/**
 * The {@link RunRecord} (without the frame count) a run with `options` would write for `file`:
 * the input's path, size and mtime, the settings that change its outputs (`--stages`, `--pose`,
 * `--every`, `--fps`, `--max-frames`, `--mode`, `--detect-every`, `--annotate`, `--masks`, `--int8`, `--<stage>-family`)
 * and the model hashes. `facepipe run` and `facepipe worker` write and check the same record.
 * Runtime settings (`--workers`, `--threads`, `--concurrency`, `--max-in-flight`) do not change
 * the outputs and are left out.
 *
 * ## Example
 * ```ts
 * expectedRunRecord(file, options, await stageModelHashes(options)).settings['--stages']; // 'detect,landmarks,pose'
 * ```
 */
export function expectedRunRecord(file: InputFile, options: RunRecordOptions, models: RunRecord['models']): Omit<RunRecord, 'frames'> {
  const st = fs.statSync(file.path, { throwIfNoEntry: false });
  const segment = options.stages.includes('segment');
  // sampling does not change an image's single line
  const video = file.kind === 'video';
  return {
    facepipe: 1,
    input: { path: file.path, size: st?.size ?? -1, mtimeMs: st?.mtimeMs ?? -1 },
    settings: {
      '--stages': options.stages.join(','),
      '--pose': options.stages.includes('pose') ? options.pose : null,
      '--every': video ? (options.every ?? null) : null,
      '--fps': video ? (options.fps ?? null) : null,
      '--max-frames': video ? (options.maxFrames ?? null) : null,
      // video mode changes the landmark crops between detections (videos only)
      '--mode': video ? (options.mode ?? null) : null,
      '--detect-every': video && options.mode === 'video' ? (options.detectEvery ?? null) : null,
      '--annotate': options.annotate,
      '--masks': options.masks && segment,
      '--int8': options.int8,
      '--detector-family': options.detectorFamily ?? null,
      '--landmarks-family': options.landmarksFamily ?? null,
      '--segmenter-family': options.segmenterFamily ?? null,
    },
    models,
  };
}
