/** One active job in a {@link QueueSnapshot}. */
export interface ActiveJobStatus {
  readonly id: string;
  readonly input: string;
  readonly frames: number;
  readonly expected?: number;
  readonly attempt: number;
  readonly startedAt?: number;
}

/** One failed job in a {@link QueueSnapshot}. */
export interface FailedJobStatus {
  readonly id: string;
  readonly input: string;
  readonly reason: string;
  readonly attempts: number;
}

/** The state of a facepipe queue at one moment (`facepipe status --json` prints this). */
export interface QueueSnapshot {
  readonly queue: string;
  readonly counts: { readonly waiting: number; readonly active: number; readonly completed: number; readonly failed: number; readonly delayed: number };
  readonly active: readonly ActiveJobStatus[];
  readonly failed: readonly FailedJobStatus[];
  /** Frames of completed jobs plus frames done so far by active ones. */
  readonly frames: number;
  /** From the first job start to now (or to the last job end when nothing is active). */
  readonly elapsedMs: number;
  readonly fps: number;
  /** Remaining frames / fps (active jobs' expected frames, waiting jobs at the completed jobs' mean); undefined when unknown. */
  readonly etaMs?: number;
  /** Nothing waiting, delayed or active. */
  readonly idle: boolean;
}
