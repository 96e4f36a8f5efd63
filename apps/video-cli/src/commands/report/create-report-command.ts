import { Command } from 'commander';

/**
 * The `facepipe report <out-dir>` sub-command. Its action loads the report code on first use (so
 * `--help` stays fast) and stores the exit code in `exit.code`.
 *
 * ## Example
 * ```ts
 * program.addCommand(configure(createReportCommand(exit), io));
 * ```
 */
export function createReportCommand(exit: { code: number }): Command {
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
      const { reportCommand } = await import('./report-command.js');
      exit.code = await reportCommand(outDir);
    });
}
