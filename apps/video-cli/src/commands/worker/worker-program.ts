import { Command } from 'commander';
import { withClusterOptions } from '../../cluster/cluster-options.js';
import { pickDefined } from '../../cluster/pick-defined.js';
import { intArg } from '../../lib/option-parsers.js';
import type { WorkerOptions } from './worker-command.js';

/** What runs a parsed `worker` (the real command by default; tests pass a spy). */
export type WorkerAction = (options: WorkerOptions) => Promise<number>;

const runWorker: WorkerAction = async (options) => (await import('./worker-command.js')).workerCommand(options);

/** `run` flags about this machine's compute, taken over by `worker` unchanged. */
const RUN_FLAGS = ['--workers', '--threads', '--max-in-flight', '--quiet'];

/**
 * The `facepipe worker` command.
 *
 * ## Example
 * ```ts
 * program.addCommand(workerProgram(run, exit));
 * ```
 */
export function workerProgram(run: Command, exit: { code: number }, action: WorkerAction = runWorker): Command {
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
      exit.code = await action({
        ...(pickDefined(opts, ['redis', 'queue', 'concurrency', 'workers', 'threads', 'stageConcurrency', 'maxInFlight', 'exitWhenIdle', 'quiet']) as Omit<WorkerOptions, 'lockMs'>),
        lockMs: opts.lock,
      });
    });
  return cmd;
}
