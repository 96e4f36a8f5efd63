import type { RunOptions } from '../commands/run/run-options.js';

/**
 * The `run` settings that decide an input's outputs (models, sampling, which files are written).
 * They travel with the job; machine-specific settings (`--workers`, `--threads`) belong to the worker.
 * (Its own module, importing nothing at run time: `submit`'s command definition needs the keys, and
 * the command line's start-up must not load `@facepipe/core` just to parse flags.)
 */
export type JobSettings = Pick<RunOptions, (typeof JOB_SETTING_KEYS)[number]>;

/** The keys of {@link JobSettings}, in a fixed order. */
export const JOB_SETTING_KEYS = ['stages', 'detector', 'landmarks', 'pose', 'segmenter', 'int8', 'mode', 'detectEvery', 'every', 'fps', 'maxFrames', 'annotate', 'masks'] as const;
