import { Command, Option } from 'commander';
import { DEFAULT_QUEUE } from './queue-names.js';
import { redisConnection } from './redis-connection.js';

/**
 * Add the options every cluster command shares (`--redis`, `--queue`) to `cmd`, plus the options of
 * `from` (the `run` command) whose long names are in `reuse`, so `submit` and `worker` take the very
 * same flags, defaults and value checks as `run`. The `--redis` URL is checked before the action
 * runs: a bad one is a usage error (exit 2) whose message shows the URL without its password
 * (commander's own argument errors would repeat the value verbatim).
 *
 * ## Example
 * ```ts
 * withClusterOptions(new Command('submit'), run, ['--stages', '--every']);
 * ```
 * @throws {Error} when `reuse` names an option `from` does not have (a programming error).
 */
export function withClusterOptions(cmd: Command, from: Command, reuse: readonly string[]): Command {
  cmd
    .requiredOption('--redis <url>', 'Redis server: redis://[user[:password]@]host[:port][/db], rediss:// for TLS')
    .option('--queue <name>', 'queue name', DEFAULT_QUEUE)
    .hook('preAction', (self) => {
      try {
        redisConnection(self.opts().redis);
      } catch (err) {
        self.error((err as Error).message, { exitCode: 2, code: 'facepipe.redisUrl' });
      }
    });
  for (const long of reuse) {
    const o = from.options.find((x) => x.long === long);
    if (!o) throw new Error(`run has no option ${long}`);
    cmd.addOption(o as Option);
  }
  return cmd;
}
