import { Command, InvalidArgumentError, Option } from 'commander';
import type { CommandContext } from '../../shared/command-context.js';
import { DEFAULT_MODELS } from '../../shared/defaults.js';
import { intArg, STAGES, stagesArg } from '../../shared/option-parsers.js';
import type { QuantizeAction } from './quantize-options.js';

const listArg = (value: string): string[] => {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError('expected a comma-separated list of node names.');
  return names;
};

const weightBitsArg = (value: string): 7 | 8 => {
  if (value.trim() !== '7' && value.trim() !== '8') throw new InvalidArgumentError('expected 7 or 8.');
  return Number(value) as 7 | 8;
};

/**
 * The commander definition of `facepipe quantize <model> --calib <dir|video>` and
 * `facepipe quantize --all --calib <dir|video>`; calls `action` with the {@link QuantizeOptions}
 * and stores the exit code in `ctx.exit`. Recipe settings (calibration kind, fp32 nodes, types) come
 * from each model's registry entry; the explicit flags override them.
 *
 * ## Example
 * ```ts
 * program.addCommand(quantizeCommand(ctx, actions.quantize));
 * ```
 */
export function quantizeCommand(ctx: CommandContext, action: QuantizeAction): Command {
  return new Command('quantize')
    .description("Int8 post-training quantization with each model's recipe (one model, or --all the stages use).")
    .argument('[model]', 'model id or .onnx path (or --all)')
    .requiredOption('--calib <dir|video>', 'folder of images or a video to calibrate on')
    .option('--all', 'quantize every model the --stages use (default models, or --detector/--landmarks/--segmenter)', false)
    .addOption(new Option('--stages <list>', `with --all: comma-separated stages: ${STAGES.join(',')}`).argParser(stagesArg).default([...STAGES], STAGES.join(',')))
    .option('--detector <id|path>', 'detector model (with --all), and the fp32 detector that finds faces for face-crop calibration', DEFAULT_MODELS.detector)
    .option('--landmarks <id|path>', 'landmark model (with --all)', DEFAULT_MODELS.landmarks)
    .option('--segmenter <id|path>', 'segmentation model (with --all)', DEFAULT_MODELS.segmenter)
    .addOption(new Option('--method <m>', 'activation range method (default: the recipe\'s, else percentile)').choices(['minmax', 'percentile', 'entropy']))
    .addOption(new Option('--activation-type <t>', 'activation type (default: the recipe\'s, else uint8)').choices(['uint8', 'int8']))
    .addOption(new Option('--weight-bits <n>', 'weight bits: 7 or 8 (default: the recipe\'s, else 7 with uint8)').argParser(weightBitsArg))
    .option('--fp32-nodes <list>', 'comma-separated node names (or first outputs) kept fp32 (default: the recipe\'s)', listArg)
    .option('--fp32-weight-nodes <list>', 'comma-separated nodes kept fp32 with float32 weights too (default: the recipe\'s)', listArg)
    .option('--out <file>', 'output model of a single model (default: <stem>.int8.onnx in the model cache, where --int8 finds it)')
    .option('--report <file>', 'single model: write the accuracy/speed report as JSON, and as HTML (fp32 vs int8 side by side) beside it')
    .option('--max-images <n>', 'calibration samples per model (default: the recipe\'s, else 16)', intArg(1))
    .addHelpText(
      'after',
      `
Examples:
  $ facepipe quantize ultraface-rfb-320 --calib shared/data/calibration/ultraface_imgs
  $ facepipe quantize pfld-ghostone-98 --calib clip.mp4 --report q.json
  $ facepipe quantize --all --calib shared/data/calibration/ultraface_imgs   # then: facepipe run clip.mp4 --int8`,
    )
    .action(async (model: string | undefined, opts) => {
      ctx.exit.code = await action({
        ...(model !== undefined ? { model } : {}),
        all: opts.all,
        stages: opts.stages,
        detector: opts.detector,
        landmarks: opts.landmarks,
        segmenter: opts.segmenter,
        calib: opts.calib,
        ...(opts.method !== undefined ? { method: opts.method } : {}),
        ...(opts.activationType !== undefined ? { activationType: opts.activationType } : {}),
        ...(opts.weightBits !== undefined ? { weightBits: opts.weightBits } : {}),
        ...(opts.fp32Nodes !== undefined ? { fp32Nodes: opts.fp32Nodes } : {}),
        ...(opts.fp32WeightNodes !== undefined ? { fp32WeightNodes: opts.fp32WeightNodes } : {}),
        ...(opts.out !== undefined ? { out: opts.out } : {}),
        ...(opts.report !== undefined ? { report: opts.report } : {}),
        ...(opts.maxImages !== undefined ? { maxImages: opts.maxImages } : {}),
      });
    });
}
