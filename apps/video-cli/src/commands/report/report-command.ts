import { Command } from 'commander';
import type { CommandContext } from '../../shared/command-context.js';
import type { ReportAction } from './report-options.js';

/**
 * The commander definition of `facepipe report <out-dir>`; calls `action` with the folder and
 * stores the exit code in `ctx.exit`.
 *
 * ## Example
 * ```ts
 * program.addCommand(reportCommand(ctx, actions.report));
 * ```
 */
export function reportCommand(ctx: CommandContext, action: ReportAction): Command {
  return new Command('report')
    .description('Write <out-dir>/report.html: one self-contained page (tables, plots, thumbnails) for the results of `facepipe run`.')
    .argument('<out-dir>', 'the --out folder of a run (best with `run --report`, which also writes thumbnails and facepipe-run.json)')
    .addHelpText(
      'after',
      `
Examples:
  $ facepipe run videos/ --out results --report     writes results/report.html at the end
  $ facepipe report results                         rebuilds results/report.html from the outputs`,
    )
    .action(async (outDir: string) => {
      ctx.exit.code = await action(outDir);
    });
}
