import { Command, CommanderError } from 'commander';
import type { CliActions } from './cli-actions.js';
import { benchCommand } from './commands/bench/bench-command.js';
import { evalCommand } from './commands/eval/eval-command.js';
import { modelsCommand } from './commands/models/models-command.js';
import { quantizeCommand } from './commands/quantize/quantize-command.js';
import { runCommand } from './commands/run/run-command.js';
import { reportCommand } from './commands/report/report-command.js';
import { statusCommand } from './commands/status/status-command.js';
import { submitCommand } from './commands/submit/submit-command.js';
import { workerCommand } from './commands/worker/worker-command.js';
import type { CommandContext, ProgramIo } from './shared/command-context.js';
import { configureCommand } from './shared/configure-command.js';
import { EXIT } from './shared/exit.js';

/**
 * Build the `facepipe` command-line program: the top-level help plus one line per command (each
 * command's flags, help and action live in `src/commands/<name>/`). Parsing errors (unknown flags,
 * bad values, missing arguments) are printed as one line plus the usage line and surface as a
 * `CommanderError` whose `exitCode` is 2; `--help`/`--version` surface with exit code 0. Actions
 * store their exit code in `exit.code`.
 *
 * ## Example
 * ```ts
 * const program = buildProgram(actions);
 * await program.parseAsync(['run', 'clip.mp4', '--every', '3'], { from: 'user' });
 * ```
 * @throws {CommanderError} on parse errors and after `--help` (see {@link runCli}).
 */
export function buildProgram(
  actions: CliActions,
  io: ProgramIo = { writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) },
  exit: { code: number } = { code: EXIT.ok },
): Command {
  const program = new Command('facepipe')
    .description('Face detection, landmarks, head pose and portrait segmentation over videos and images, on a plain CPU.')
    .version('0.1.0', '-V, --version')
    .addHelpText(
      'after',
      `
Examples:
  $ facepipe run videos/ --out results            detect + landmarks + pose on every video in videos/
  $ facepipe run clip.mp4 --stages detect,segment --annotate
  $ facepipe eval detect --data faces/annotations.json --iou 0.4
  $ facepipe models list

Models are looked up by id in the folders of FACEPIPE_MODELS (or give a file path).
Exit codes: 0 ok, 1 an input or command failed, 2 usage error, 130 interrupted.`,
    );
  configureCommand(program, io);
  const ctx: CommandContext = { io, exit };
  const add = (cmd: Command): void => void program.addCommand(configureCommand(cmd, io));

  add(runCommand(ctx, actions.run));
  add(evalCommand(ctx, actions.eval));
  add(quantizeCommand(ctx, actions.quantize));
  add(benchCommand(ctx, actions.bench));
  add(modelsCommand(ctx, actions.models));
  add(reportCommand(ctx, actions.report));
  add(submitCommand(ctx, actions.submit));
  add(workerCommand(ctx, actions.worker));
  add(statusCommand(ctx, actions.status));
  return program;
}

/**
 * Parse `argv` (user arguments, without node and script) and run the command. Resolves to the
 * process exit code; never throws for parse errors.
 *
 * ## Example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), cliActions);
 * ```
 * @throws whatever the command's action throws (runtime failures; main.ts prints them on one line).
 */
export async function runCli(argv: readonly string[], actions: CliActions, io?: ProgramIo): Promise<number> {
  const exit = { code: EXIT.ok as number };
  const program = buildProgram(actions, io, exit);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
      if (err.code === 'commander.help') return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return EXIT.usage;
    }
    throw err;
  }
  return exit.code;
}
