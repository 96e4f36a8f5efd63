import { assertInteger, assertNumber, assertObject, assertOneOf, assertString } from '@facepipe/core';
import type { InputFile } from '../shared/discover-inputs.js';
import { POSE_METHODS, STAGES } from '../shared/defaults.js';
import type { OutputPlan } from '../output/output-plan.js';
import type { RunFileSummary } from '../commands/run/run-summary.js';

import { JOB_SETTING_KEYS, type JobSettings } from './job-settings.js';

export { JOB_SETTING_KEYS, type JobSettings };

/** Data of one BullMQ job: one input and where its outputs go. Paths are absolute and must be visible to every worker. */
export interface InputJobData {
  readonly input: InputFile;
  /** Size and mtime at submit time (part of the job id). */
  readonly size: number;
  readonly mtimeMs: number;
  readonly plan: OutputPlan;
  readonly settings: JobSettings;
  /** Skip the input when its outputs are already complete (`--skip-existing`). */
  readonly skipExisting: boolean;
}

/** What a worker returns for a job (the job's `returnvalue`): the `run --json` per-input summary plus who did it. */
export interface InputJobResult extends RunFileSummary {
  /** `hostname:pid` of the worker process. */
  readonly worker: string;
  /** Time this job waited for the worker to open its models (first job of a model setting only; not in `elapsedMs`). */
  readonly modelLoadMs?: number;
}

/** Progress a worker reports on an active job. */
export interface InputJobProgress {
  readonly frames: number;
  readonly expected?: number;
}


function optionalPositive(v: unknown, name: string, integer: boolean): void {
  if (v === undefined) return;
  if (integer) assertInteger(v, name, 1);
  else assertNumber(v, name);
}

function assertBoolean(v: unknown, name: string): asserts v is boolean {
  if (typeof v !== 'boolean') throw new TypeError(`Expected \`${name}\` to be a boolean, got \`${String(v)}\` (${typeof v})`);
}

/**
 * Check that `data` (read back from Redis, so anything) is an {@link InputJobData}.
 *
 * ## Example
 * ```ts
 * const data = parseInputJob(job.data); // throws TypeError/RangeError naming the bad field
 * ```
 * @throws {TypeError | RangeError} naming the first field that is missing or malformed.
 */
export function parseInputJob(data: unknown): InputJobData {
  assertObject(data, 'job.data');
  const d = data as Record<string, any>;
  assertObject(d.input, 'job.data.input');
  assertString(d.input.path, 'job.data.input.path');
  assertOneOf(d.input.kind, 'job.data.input.kind', ['image', 'video'] as const);
  assertNumber(d.size, 'job.data.size');
  assertNumber(d.mtimeMs, 'job.data.mtimeMs');
  assertObject(d.plan, 'job.data.plan');
  assertString(d.plan.jsonl, 'job.data.plan.jsonl');
  if (d.plan.annotated !== undefined) assertString(d.plan.annotated, 'job.data.plan.annotated');
  if (d.plan.masks !== undefined) assertString(d.plan.masks, 'job.data.plan.masks');
  if (!Array.isArray(d.plan.all) || !d.plan.all.includes(d.plan.jsonl)) throw new TypeError(`Expected \`job.data.plan.all\` to be an array with every output path, got \`${JSON.stringify(d.plan.all)}\``);
  const s = d.settings;
  assertObject(s, 'job.data.settings');
  if (!Array.isArray(s.stages) || s.stages.length === 0) throw new TypeError(`Expected \`job.data.settings.stages\` to be a non-empty array, got \`${JSON.stringify(s.stages)}\``);
  for (const st of s.stages) assertOneOf(st, 'job.data.settings.stages[]', STAGES);
  for (const k of ['detector', 'landmarks', 'segmenter'] as const) assertString(s[k], `job.data.settings.${k}`);
  assertOneOf(s.pose, 'job.data.settings.pose', POSE_METHODS);
  for (const k of ['int8', 'annotate', 'masks'] as const) assertBoolean(s[k], `job.data.settings.${k}`);
  // absent in jobs queued before the video mode existed: those run exact, as they did
  if (s.mode !== undefined) assertOneOf(s.mode, 'job.data.settings.mode', ['exact', 'video'] as const);
  optionalPositive(s.detectEvery, 'job.data.settings.detectEvery', true);
  optionalPositive(s.every, 'job.data.settings.every', true);
  optionalPositive(s.fps, 'job.data.settings.fps', false);
  optionalPositive(s.maxFrames, 'job.data.settings.maxFrames', true);
  assertBoolean(d.skipExisting, 'job.data.skipExisting');
  return d as InputJobData;
}
