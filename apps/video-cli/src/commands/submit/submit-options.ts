import type { JobSettings } from '../../cluster/input-job.js';

/** Options of `facepipe submit`. */
export interface SubmitOptions {
  readonly redis: string;
  readonly queue: string;
  readonly out: string;
  readonly settings: JobSettings;
  readonly skipExisting: boolean;
  readonly recursive: boolean;
  /** Tries per job for transient errors (permanent ones fail at once). */
  readonly attempts: number;
  /** First retry delay; doubles on each further retry. */
  readonly backoffMs: number;
  readonly json: boolean;
  readonly quiet: boolean;
}

/** The `submit --json` summary. */
export interface SubmitSummary {
  readonly queue: string;
  readonly added: number;
  readonly existing: number;
  readonly out: string;
  readonly jobs: readonly { readonly id: string; readonly input: string; readonly added: boolean; readonly state: string }[];
}

/** What `facepipe submit` does after parsing; resolves to the exit code. */
export type SubmitAction = (inputs: readonly string[], options: SubmitOptions) => Promise<number>;
