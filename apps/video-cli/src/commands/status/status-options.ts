/** Options of `facepipe status`. */
export interface StatusOptions {
  readonly redis: string;
  readonly queue: string;
  /** Redraw until the queue is idle. */
  readonly watch: boolean;
  readonly intervalMs: number;
  readonly json: boolean;
}

/** What `facepipe status` does after parsing; resolves to the exit code. */
export type StatusAction = (options: StatusOptions) => Promise<number>;
