import { Command } from 'commander';
import type { CommandContext } from '../../shared/command-context.js';
import { choiceArg } from '../../shared/option-parsers.js';
import type { ModelsAction } from './models-options.js';

/**
 * The commander definition of `facepipe models list|verify|fetch [ids...]`; calls `action` with
 * the {@link ModelsOptions} and stores the exit code in `ctx.exit`.
 *
 * ## Example
 * ```ts
 * program.addCommand(modelsCommand(ctx, actions.models));
 * ```
 */
export function modelsCommand(ctx: CommandContext, action: ModelsAction): Command {
  return new Command('models')
    .description('List known models, verify the files present, fetch missing ones.')
    .addArgument(new Command().createArgument('<action>', 'list | verify | fetch').argParser(choiceArg(['list', 'verify', 'fetch'] as const)))
    .argument('[ids...]', 'model ids (default: all)')
    .option('--json', 'print JSON', false)
    .addHelpText('after', `
Examples:
  $ facepipe models list
  $ facepipe models verify ultraface-rfb-320
  $ FACEPIPE_MODELS=./models facepipe models fetch`)
    .action(async (verb, ids: string[], opts) => {
      ctx.exit.code = await action({ action: verb, ids, json: opts.json });
    });
}
