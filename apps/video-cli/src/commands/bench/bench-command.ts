import { Command, Option } from 'commander';
import { addModelOptions } from '../../shared/add-model-options.js';
import type { CommandContext } from '../../shared/command-context.js';
import { DEFAULT_STAGES } from '../../shared/defaults.js';
import { intArg, stagesArg } from '../../shared/option-parsers.js';
import { readModelOptions } from '../../shared/read-model-options.js';
import { readRuntimeOptions } from '../../shared/read-runtime-options.js';
import type { BenchAction } from './bench-options.js';

/**
 * The commander definition of `facepipe bench [video]`; calls `action` with the
 * {@link BenchOptions} and stores the exit code in `ctx.exit`.
 *
 * ## Example
 * ```ts
 * program.addCommand(benchCommand(ctx, actions.bench));
 * ```
 */
export function benchCommand(ctx: CommandContext, action: BenchAction): Command {
  const cmd = new Command('bench')
    .description('Per-stage latency and end-to-end frames/s as JSON.')
    .argument('[video]', 'video to run on (default: $FACEPIPE_SHARED/data/video/short_hamilton_clip.mp4, where FACEPIPE_SHARED defaults to ../shared; required elsewhere)')
    .addOption(new Option('--stages <list>', 'stages to time').argParser(stagesArg).default(DEFAULT_STAGES, DEFAULT_STAGES.join(',')));
  return addModelOptions(cmd, { int8Help: 'use int8 variants', runtime: true })
    .option('--frames <n>', 'frames to process', intArg(1))
    .addHelpText('after', `
Examples:
  $ facepipe bench clip.mp4 --stages detect,landmarks,pose --workers 2`)
    .action(async (video: string | undefined, opts) => {
      ctx.exit.code = await action({
        ...(video !== undefined ? { video } : {}),
        stages: opts.stages,
        ...readModelOptions(opts),
        ...readRuntimeOptions(opts),
        ...(opts.frames !== undefined ? { frames: opts.frames } : {}),
      });
    });
}
