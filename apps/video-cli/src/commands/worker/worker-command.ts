import { Command } from 'commander';
import { withClusterOptions } from '../../cluster/cluster-options.js';
import { pickDefined } from '../../cluster/pick-defined.js';
import { intArg } from '../../shared/option-parsers.js';
import type { CommandContext } from '../../shared/command-context.js';
import { EXIT } from '../../shared/exit.js';
import { runCommand } from '../run/run-command.js';
import type { WorkerAction, WorkerOptions } from './worker-options.js';

/** `run` flags about this machine's compute, taken over by `worker` unchanged. */
const RUN_FLAGS = ['--workers', '--threads', '--max-in-flight', '--quiet'];

/**
 * The commander definition of `facepipe worker`: `--redis`, `--queue`, `run`'s per-machine flags
 * (`--workers`, `--threads`, `--max-in-flight`, `--quiet`, the same option objects as `run`'s) and
 * `--concurrency`, `--stage-concurrency`, `--lock`, `--exit-when-idle`; calls `action` with the
 * {@link WorkerOptions}.
 *
 * ## Example
 * ```ts
 * program.addCommand(workerCommand(ctx, actions.worker));
 * ```
 */
export function workerCommand(ctx: CommandContext, action: WorkerAction): Command {
  const run = runCommand(ctx, async () => EXIT.ok); // only the source of the shared flag definitions
  const cmd = new Command('worker').description('Process queued inputs (from `facepipe submit`) with the same pipeline and outputs as run; run one per machine or more.');
  withClusterOptions(cmd, run, RUN_FLAGS)
    .option('--concurrency <n>', 'inputs processed at once by this process', intArg(1, 64), 1)
    .option('--stage-concurrency <n>', 'frames in flight per stage (as run --concurrency; default: workers + 1)', intArg(1, 64))
    .option('--lock <ms>', "a job whose worker stops renewing its lock for this long is taken over by another worker", intArg(1000), 30000)
    .option('--exit-when-idle', 'exit once nothing is waiting, delayed or active', false)
    .addHelpText(
      'after',
      `
Examples:
  $ facepipe worker --redis redis://queue.internal:6379
  $ facepipe worker --redis rediss://:password@queue.internal:6380 --concurrency 2 --workers 1 --exit-when-idle

SIGINT/SIGTERM hand the current input back to the queue and exit (130); the worker opens no port.`,
    )
    .action(async (opts) => {
      ctx.exit.code = await action({
        ...(pickDefined(opts, ['redis', 'queue', 'concurrency', 'workers', 'threads', 'stageConcurrency', 'maxInFlight', 'exitWhenIdle', 'quiet']) as Omit<WorkerOptions, 'lockMs'>),
        lockMs: opts.lock,
      });
    });
  return cmd;
}
