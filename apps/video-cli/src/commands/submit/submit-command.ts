import { Command } from 'commander';
import { withClusterOptions } from '../../cluster/cluster-options.js';
import { JOB_SETTING_KEYS, type JobSettings } from '../../cluster/job-settings.js';
import { pickDefined } from '../../cluster/pick-defined.js';
import { EXIT } from '../../shared/exit.js';
import { intArg } from '../../shared/option-parsers.js';
import type { CommandContext } from '../../shared/command-context.js';
import { runCommand } from '../run/run-command.js';
import type { SubmitAction } from './submit-options.js';

/** `run` flags that decide outputs, taken over by `submit` unchanged. */
const RUN_FLAGS = ['--stages', '--detector', '--landmarks', '--pose', '--segmenter', '--int8', '--mode', '--detect-every', '--every', '--fps', '--max-frames', '--annotate', '--masks', '--skip-existing', '--recursive', '--json', '--quiet'];

/**
 * The commander definition of `facepipe submit <inputs...>`: `run`'s output-deciding flags (the very
 * same option objects as `run`'s, so defaults and checks cannot drift) plus `--redis`, `--queue`,
 * `--out`, `--attempts`, `--backoff`; calls `action` with the {@link SubmitOptions}.
 *
 * ## Example
 * ```ts
 * program.addCommand(submitCommand(ctx, actions.submit));
 * ```
 */
export function submitCommand(ctx: CommandContext, action: SubmitAction): Command {
  const run = runCommand(ctx, async () => EXIT.ok); // only the source of the shared flag definitions
  const cmd = new Command('submit')
    .description('Queue one job per input on Redis (BullMQ) for `facepipe worker` processes; same inputs and flags as run.')
    .argument('<inputs...>', 'video/image files, folders, or globs; paths every worker can see (shared filesystem or mount)')
    .requiredOption('--out <dir>', 'output folder, as every worker sees it (shared filesystem or mount)');
  withClusterOptions(cmd, run, RUN_FLAGS)
    .option('--attempts <n>', 'tries per input for transient errors (bad inputs fail at once)', intArg(1, 100), 3)
    .option('--backoff <ms>', 'delay before the first retry (doubles each time)', intArg(0), 2000)
    .addHelpText(
      'after',
      `
Examples:
  $ facepipe submit /mnt/videos/ --out /mnt/results --redis redis://queue.internal:6379 --stages detect,landmarks,pose
  $ facepipe submit "/mnt/videos/**/*.mp4" --out /mnt/results --redis rediss://:password@queue.internal:6380 --every 3

One job per input; its id is derived from the absolute path, size, mtime and the settings, so
submitting the same batch again adds nothing.`,
    )
    .action(async (inputs: string[], opts) => {
      if (opts.every !== undefined && opts.fps !== undefined) cmd.error('--every and --fps cannot be used together', { exitCode: EXIT.usage, code: 'facepipe.conflict' });
      if (opts.out === '-') cmd.error('--out must be a folder every worker can write to, not - (stdout)', { exitCode: EXIT.usage, code: 'facepipe.conflict' });
      ctx.exit.code = await action(inputs, {
        redis: opts.redis,
        queue: opts.queue,
        out: opts.out,
        settings: pickDefined(opts, JOB_SETTING_KEYS) as JobSettings,
        skipExisting: opts.skipExisting,
        recursive: opts.recursive,
        attempts: opts.attempts,
        backoffMs: opts.backoff,
        json: opts.json,
        quiet: opts.quiet,
      });
    });
  return cmd;
}
