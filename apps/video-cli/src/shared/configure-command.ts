import type { Command } from 'commander';
import type { ProgramIo } from './command-context.js';

function usageHint(cmd: Command): string {
  const path: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) path.unshift(c.name());
  return `Usage: ${path.join(' ')} ${cmd.usage()}\nRun '${path.join(' ')} --help' for options and examples.`;
}

/**
 * Route a command's output through `io` and make parse errors one line naming the problem followed
 * by the usage line; commander throws (`exitOverride`) instead of exiting the process.
 *
 * ## Example
 * ```ts
 * program.addCommand(configureCommand(runCommand(ctx, actions.run), io));
 * // bad flag -> "facepipe: unknown option '--frobnicate'\nUsage: facepipe run [options] <inputs...>\n..."
 * ```
 * @returns `cmd`, for chaining.
 */
export function configureCommand(cmd: Command, io: ProgramIo): Command {
  return cmd
    .configureOutput({
      writeOut: io.writeOut,
      writeErr: io.writeErr,
      // one line naming the problem, then the usage line (computed at error time: the command has its parent)
      outputError: (str, write) => write(`facepipe: ${str.replace(/^error: /, '').trimEnd()}\n${usageHint(cmd)}\n`),
    })
    .exitOverride();
}
