import type { ModelOptions, RuntimeOptions } from '../../shared/model-options.js';
import type { Stage } from '../../shared/option-parsers.js';

/** Options of `facepipe run`, as parsed from the command line. */
export interface RunOptions extends ModelOptions, RuntimeOptions {
  readonly stages: readonly Stage[];
  readonly pose: 'fsanet' | 'pnp' | 'model';
  readonly every?: number;
  readonly fps?: number;
  readonly out: string;
  readonly annotate: boolean;
  readonly masks: boolean;
  readonly skipExisting: boolean;
  /** Keep the decodable frames of a damaged video (reported as `damage` in the summary) instead of failing it. */
  readonly keepDecodable?: boolean;
  readonly recursive: boolean;
  readonly json: boolean;
  /** Write thumbnails, facepipe-run.json and <out>/report.html. */
  readonly report?: boolean;
  readonly quiet: boolean;
  readonly maxInFlight: number;
  /** Stop after this many frames per input (testing and previews). */
  readonly maxFrames?: number;
}

/** What `facepipe run` does after parsing; resolves to the exit code. */
export type RunAction = (inputs: readonly string[], options: RunOptions) => Promise<number>;
