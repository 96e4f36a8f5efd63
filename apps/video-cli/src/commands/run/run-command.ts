import { Command, Option } from 'commander';
import { addModelOptions } from '../../shared/add-model-options.js';
import type { CommandContext } from '../../shared/command-context.js';
import { DEFAULT_STAGES } from '../../shared/defaults.js';
import { EXIT } from '../../shared/exit.js';
import { intArg, numberArg, STAGES, stagesArg } from '../../shared/option-parsers.js';
import { readModelOptions } from '../../shared/read-model-options.js';
import { readRuntimeOptions } from '../../shared/read-runtime-options.js';
import type { RunAction } from './run-options.js';

/**
 * The commander definition of `facepipe run <inputs...>`: its flags, help and examples; after
 * parsing (and the `--every`/`--fps` conflict check) it calls `action` with the {@link RunOptions}
 * and stores the exit code in `ctx.exit`.
 *
 * ## Example
 * ```ts
 * program.addCommand(runCommand(ctx, actions.run));
 * ```
 */
export function runCommand(ctx: CommandContext, action: RunAction): Command {
  const run = new Command('run')
    .description('Run the pipeline on videos, images, folders or globs; write <out>/<basename>.jsonl per input.')
    .argument('<inputs...>', 'video/image files, folders, globs (quote them: "clips/**/*.{mp4,mov}"), http(s):// or file:// URLs, or - for standard input')
    .addOption(new Option('--stages <list>', `comma-separated stages: ${STAGES.join(',')}`).argParser(stagesArg).default(DEFAULT_STAGES, DEFAULT_STAGES.join(',')));
  addModelOptions(run, { runtime: true, families: true })
    .addOption(new Option('--pose <method>', 'head pose: fsanet (FSA-Net models), pnp (from landmarks), model (pose output of the landmark model)').choices(['fsanet', 'pnp', 'model']).default('fsanet'))
    .option('--every <n>', 'process every Nth decoded frame', intArg(1))
    .option('--fps <f>', 'keep at most F frames per second (frames are dropped, never duplicated)', numberArg(0, 240, true))
    .option('--out <dir>', 'output folder', './facepipe-out')
    .option('--annotate', 'write <basename>.annotated.mp4 (or .png for images) with boxes, ids, landmarks, pose axes, mask', false)
    .option('--masks', 'write the person masks (PNG per frame in <basename>.masks/)', false)
    .option('--skip-existing', 'skip inputs whose outputs are already complete', false)
    .option('--keep-decodable', 'keep the frames a truncated/corrupt video still gives (marked damaged in the summary) instead of failing it', false)
    .option('-r, --recursive', 'descend into sub-folders of folder inputs', false)
    .option('--max-in-flight <n>', 'decoded frames allowed in the pipeline at once', intArg(1, 256), 8)
    .option('--max-frames <n>', 'stop each input after N processed frames', intArg(1))
    .option('--json', 'print a machine-readable JSON summary on stdout', false)
    .option('--report', 'also write track thumbnails (<basename>.thumbs/), facepipe-run.json and <out>/report.html', false)
    .option('-q, --quiet', 'no progress output (errors are still printed)', false)
    .addHelpText(
      'after',
      `
Examples:
  $ facepipe run clip.mp4                                   -> facepipe-out/clip.jsonl
  $ facepipe run videos/ "photos/**/*.jpg" --out results --skip-existing
  $ facepipe run clip.mp4 --stages detect,landmarks,pose,segment --annotate --masks
  $ facepipe run clip.mp4 --every 3 --workers 2 --json > summary.json
  $ facepipe run videos/ --out results --report             -> results/report.html (plots, thumbnails)
  $ cat clip.mp4 | facepipe run - --stages detect              -> facepipe-out/stdin.jsonl
  $ facepipe run https://example.org/media/clip.mp4          -> facepipe-out/clip.jsonl (read by ffmpeg)

Each JSONL line: {"frame":i,"timeMs":t,"width":W,"height":H,"faces":[{"id":n,"box":[x1,y1,x2,y2],
"score":s,"landmarks":[[x,y],...],"pose":{"yaw":a,"pitch":b,"roll":c}}],"mask":{"file":"...","coverage":f}}`,
    )
    .action(async (inputs: string[], opts) => {
      if (opts.every !== undefined && opts.fps !== undefined) run.error('--every and --fps cannot be used together', { exitCode: EXIT.usage, code: 'facepipe.conflict' });
      ctx.exit.code = await action(inputs, {
        stages: opts.stages,
        ...readModelOptions(opts),
        pose: opts.pose,
        ...(opts.every !== undefined ? { every: opts.every } : {}),
        ...(opts.fps !== undefined ? { fps: opts.fps } : {}),
        ...readRuntimeOptions(opts),
        out: opts.out,
        annotate: opts.annotate,
        masks: opts.masks,
        skipExisting: opts.skipExisting,
        keepDecodable: opts.keepDecodable,
        recursive: opts.recursive,
        json: opts.json,
        report: opts.report,
        quiet: opts.quiet,
        maxInFlight: opts.maxInFlight,
        ...(opts.maxFrames !== undefined ? { maxFrames: opts.maxFrames } : {}),
      });
    });
  return run;
}
