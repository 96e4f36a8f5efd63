import { Command } from 'commander';
import { withClusterOptions } from '../../cluster/cluster-options.js';
import { intArg } from '../../lib/option-parsers.js';
import type { StatusOptions } from './status-command.js';

/** What runs a parsed `status` (the real command by default; tests pass a spy). */
export type StatusAction = (options: StatusOptions) => Promise<number>;

const runStatus: StatusAction = async (options) => (await import('./status-command.js')).statusCommand(options);

/**
 * The `facepipe status` command.
 *
 * ## Example
 * ```ts
 * program.addCommand(statusProgram(run, exit));
 * ```
 */
export function statusProgram(run: Command, exit: { code: number }, action: StatusAction = runStatus): Command {
  const cmd = new Command('status').description('Counts, per-job progress, failures, frames/s and ETA of a queued batch.');
  withClusterOptions(cmd, run, ['--json'])
    .option('--watch', 'redraw until nothing is waiting or active', false)
    .option('--interval <ms>', 'redraw interval of --watch', intArg(100), 1000)
    .addHelpText(
      'after',
      `
Examples:
  $ facepipe status --redis redis://queue.internal:6379 --watch
  $ facepipe status --redis redis://queue.internal:6379 --json | jq .failed

Exit code 1 when a job has failed.`,
    )
    .action(async (opts) => {
      exit.code = await action({ redis: opts.redis, queue: opts.queue, watch: opts.watch, intervalMs: opts.interval, json: opts.json });
    });
  return cmd;
}
