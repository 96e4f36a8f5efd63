import { Command, Option } from 'commander';
import type { CommandContext } from '../../shared/command-context.js';
import { intArg } from '../../shared/option-parsers.js';
import type { QuantizeAction } from './quantize-options.js';

/**
 * The commander definition of `facepipe quantize <model> --calib <dir|video>`; calls `action`
 * with the {@link QuantizeOptions} and stores the exit code in `ctx.exit`.
 *
 * ## Example
 * ```ts
 * program.addCommand(quantizeCommand(ctx, actions.quantize));
 * ```
 */
export function quantizeCommand(ctx: CommandContext, action: QuantizeAction): Command {
  return new Command('quantize')
    .description('Int8 post-training quantization of a model with a calibration set.')
    .argument('<model>', 'model id or .onnx path')
    .requiredOption('--calib <dir|video>', 'folder of images or a video to calibrate on')
    .addOption(new Option('--method <m>', 'activation range method').choices(['minmax', 'percentile', 'entropy']).default('percentile'))
    .option('--out <file>', 'output model (default: <model>.int8.onnx next to the input)')
    .option('--report <file>', 'write the accuracy/speed report as JSON, and as HTML (fp32 vs int8 side by side) beside it')
    .option('--max-images <n>', 'calibration samples to use', intArg(1))
    .addHelpText(
      'after',
      `
Examples:
  $ facepipe quantize ultraface-rfb-320-sim --calib shared/data/calibration/ultraface_imgs
  $ facepipe quantize pfld-ghostone-98 --calib clip.mp4 --method percentile --report q.json`,
    )
    .action(async (model: string, opts) => {
      ctx.exit.code = await action({
        model,
        calib: opts.calib,
        method: opts.method,
        ...(opts.out !== undefined ? { out: opts.out } : {}),
        ...(opts.report !== undefined ? { report: opts.report } : {}),
        ...(opts.maxImages !== undefined ? { maxImages: opts.maxImages } : {}),
      });
    });
}
