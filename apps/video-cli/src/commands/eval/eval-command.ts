import { Command } from 'commander';
import { addModelOptions } from '../../shared/add-model-options.js';
import type { CommandContext } from '../../shared/command-context.js';
import { choiceArg, numberArg } from '../../shared/option-parsers.js';
import { readModelOptions } from '../../shared/read-model-options.js';
import type { EvalAction } from './eval-options.js';

/**
 * The commander definition of `facepipe eval <task> --data ...`; calls `action` with the
 * {@link EvalOptions} and stores the exit code in `ctx.exit`.
 *
 * ## Example
 * ```ts
 * program.addCommand(evalCommand(ctx, actions.eval));
 * ```
 */
export function evalCommand(ctx: CommandContext, action: EvalAction): Command {
  const cmd = new Command('eval')
    .description('Evaluate a stage on annotated data; prints one JSON object of metrics on stdout.')
    .addArgument(new Command().createArgument('<task>', 'detect | landmarks | segment | track').argParser(choiceArg(['detect', 'landmarks', 'segment', 'track'] as const)))
    .requiredOption('--data <path>', 'faces-v1 annotations.json (detect, landmarks), .pts file or folder of them (landmarks), seg-pairs-v1 index.json (segment), MOTChallenge sequence folder or gt.txt (track); repeatable', (v: string, prev?: string[]) => [...(prev ?? []), v]);
  return addModelOptions(cmd, { int8Help: 'evaluate the int8-quantized variant', families: true })
    .option('--iou <t>', 'IoU for a detection to match a ground-truth face', numberArg(0, 1, true), 0.4)
    .option('--min-size <px>', 'ignore ground-truth faces smaller than this (detect)', numberArg(0), 20)
    .option('--threshold <t>', 'detector score threshold', numberArg(0, 1))
    .option('--video <file>', 'track: the video the ground truth annotates (default: the video beside gt.txt, or img1/)')
    .option('--predictions <jsonl>', 'track: score this `facepipe run` JSONL instead of running detector + tracker')
    .option('--report <file>', 'also write an HTML report with the standard curve (PR+AP, NME CED, IoU histogram)')
    .addHelpText(
      'after',
      `
Examples:
  $ facepipe eval detect --data shared/data/faces/wider_val/annotations.json --iou 0.4 --min-size 20
  $ facepipe eval landmarks --data shared/data/faces/dlib_pascal/annotations.json --data shared/data/landmarks/menpo
  $ facepipe eval segment --data shared/data/segmentation/hsd/index.json --segmenter sinet-320
  $ facepipe eval track --data clips/pan --iou 0.5     (clips/pan/gt/gt.txt + one video or img1/)

Track ground truth is MOTChallenge gt.txt, one box per line, frames 1-based:
  frame,id,bb_left,bb_top,bb_width,bb_height,conf[,class,visibility]
conf 0 (or a class other than 1/-1) marks an ignore region.`,
    )
    .action(async (task, opts) => {
      ctx.exit.code = await action({
        task,
        data: opts.data,
        ...readModelOptions(opts),
        iou: opts.iou,
        minSize: opts.minSize,
        ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
        ...(opts.video !== undefined ? { video: opts.video } : {}),
        ...(opts.predictions !== undefined ? { predictions: opts.predictions } : {}),
        ...(opts.report !== undefined ? { report: opts.report } : {}),
      });
    });
}
