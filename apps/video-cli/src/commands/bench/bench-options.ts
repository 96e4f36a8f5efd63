import type { ModelOptions, RuntimeOptions } from '../../shared/model-options.js';
import type { Stage } from '../../shared/option-parsers.js';

/** Options of `facepipe bench [video]`. */
export interface BenchOptions extends ModelOptions, RuntimeOptions {
  readonly video?: string;
  readonly stages: readonly Stage[];
  readonly frames?: number;
}

/** What `facepipe bench` does after parsing; resolves to the exit code. */
export type BenchAction = (options: BenchOptions) => Promise<number>;
