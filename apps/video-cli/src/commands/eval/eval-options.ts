import type { ModelOptions } from '../../shared/model-options.js';

/** Options of `facepipe eval <task>`. */
export interface EvalOptions extends ModelOptions {
  readonly task: 'detect' | 'landmarks' | 'segment' | 'track';
  /** Annotation files or folders (several are pooled); for `track`, MOTChallenge sequences or gt.txt files. */
  readonly data: readonly string[];
  readonly iou: number;
  readonly minSize: number;
  readonly threshold?: number;
  /** `track`: the video the ground truth annotates (default: found beside gt.txt). */
  readonly video?: string;
  /** `track`: score this `facepipe run` JSONL instead of running the detector and tracker. */
  readonly predictions?: string;
  /** Also write an HTML report with the task's standard curve to this file. */
  readonly report?: string;
}

/** What `facepipe eval` does after parsing; resolves to the exit code. */
export type EvalAction = (options: EvalOptions) => Promise<number>;
