import { Command } from 'commander';
import { withClusterOptions } from '../../cluster/cluster-options.js';
import { intArg } from '../../shared/option-parsers.js';
import type { CommandContext } from '../../shared/command-context.js';
import { EXIT } from '../../shared/exit.js';
import { runCommand } from '../run/run-command.js';
import type { StatusAction } from './status-options.js';

/**
 * The commander definition of `facepipe status`: `--redis`, `--queue`, `--watch`, `--interval` and
 * `run`'s `--json`; calls `action` with the {@link StatusOptions}.
 *
 * ## Example
 * ```ts
 * program.addCommand(statusCommand(ctx, actions.status));
 * ```
 */
export function statusCommand(ctx: CommandContext, action: StatusAction): Command {
  const run = runCommand(ctx, async () => EXIT.ok); // only the source of the shared flag definitions
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
      ctx.exit.code = await action({ redis: opts.redis, queue: opts.queue, watch: opts.watch, intervalMs: opts.interval, json: opts.json });
    });
  return cmd;
}
