/** Options of `facepipe models <action>`. */
export interface ModelsOptions {
  readonly action: 'list' | 'verify' | 'fetch';
  readonly ids: readonly string[];
  readonly json: boolean;
}

/** What `facepipe models` does after parsing; resolves to the exit code. */
export type ModelsAction = (options: ModelsOptions) => Promise<number>;
