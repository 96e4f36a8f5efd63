import type { ModelOptions } from '../../shared/model-options.js';

/** Options of `facepipe eval <task>`. */
export interface EvalOptions extends ModelOptions {
  readonly task: 'detect' | 'landmarks' | 'segment';
  /** Annotation files or folders (several are pooled). */
  readonly data: readonly string[];
  readonly iou: number;
  readonly minSize: number;
  readonly threshold?: number;
  /** Also write an HTML report with the task's standard curve to this file. */
  readonly report?: string;
}

/** What `facepipe eval` does after parsing; resolves to the exit code. */
export type EvalAction = (options: EvalOptions) => Promise<number>;
