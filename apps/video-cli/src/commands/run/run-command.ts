import { Command, Option } from 'commander';
import { addModelOptions } from '../../shared/add-model-options.js';
import type { CommandContext } from '../../shared/command-context.js';
import { DEFAULT_DETECT_EVERY, DEFAULT_FACE_MODE, DEFAULT_POSE, DEFAULT_STAGES, POSE_METHODS } from '../../shared/defaults.js';
import { EXIT } from '../../shared/exit.js';
import { intArg, numberArg, STAGES, stagesArg } from '../../shared/option-parsers.js';
import { readModelOptions } from '../../shared/read-model-options.js';
import { readRuntimeOptions } from '../../shared/read-runtime-options.js';
import { liveMaxInFlight } from './live-max-in-flight.js';
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
    .argument('<inputs...>', 'video/image files, folders, globs (quote them: "clips/**/*.{mp4,mov}"), http(s):// or file:// URLs, or - for standard input; with --live one stream URL or -')
    .addOption(new Option('--stages <list>', `comma-separated stages: ${STAGES.join(',')}`).argParser(stagesArg).default(DEFAULT_STAGES, DEFAULT_STAGES.join(',')));
  addModelOptions(run, { runtime: true, families: true })
    .addOption(new Option('--pose <method>', 'head pose: fsanet (FSA-Net models), pnp (from landmarks), model (pose output of the landmark model)').choices([...POSE_METHODS]).default(DEFAULT_POSE))
    .addOption(new Option('--mode <mode>', 'face stages on videos: video (detector every --detect-every frames, crops placed from the landmarks in between; needs the landmarks stage) or exact (detector on every frame); images are always exact').choices(['exact', 'video']).default(DEFAULT_FACE_MODE))
    .option('--detect-every <n>', 'video mode: run the detector at least every N frames (a new face is found within N frames)', intArg(1, 1000), DEFAULT_DETECT_EVERY)
    .option('--every <n>', 'process every Nth decoded frame', intArg(1))
    .option('--fps <f>', 'keep at most F frames per second (frames are dropped, never duplicated)', numberArg(0, 240, true))
    .option('--out <dir>', 'output folder (with --live also a .jsonl file, or - for stdout)', './facepipe-out')
    .option('--annotate', 'write <basename>.annotated.mp4 (or .png for images) with boxes, ids, landmarks, pose axes, mask', false)
    .option('--masks', 'write the person masks (PNG per frame in <basename>.masks/)', false)
    .option('--skip-existing', 'skip inputs whose outputs are already complete', false)
    .option('--keep-decodable', 'keep the frames a truncated/corrupt video still gives (marked damaged in the summary) instead of failing it', false)
    .option('-r, --recursive', 'descend into sub-folders of folder inputs', false)
    .option('--max-in-flight <n>', 'decoded frames allowed in the pipeline at once (default 8; with --live 2 for several stages, 1 for one stage or with segment)', intArg(1, 256))
    .option('--live', 'real-time stream (rtsp/udp/tcp/http URL or - for stdin): drop frames the pipeline cannot take, write JSONL line by line', false)
    .option('--reconnect', 'with --live: reconnect with backoff when the stream drops', false)
    .option('--listen', 'with --live: wait for the sender to connect (rtsp:// as an RTSP server the sender pushes to, tcp://)', false)
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
  $ facepipe run rtsp://cam.local/stream --live --reconnect --annotate   -> facepipe-out/rtsp-cam.local-stream.jsonl + .annotated.mp4
  $ ffmpeg -i cam.mp4 -f mpegts - | facepipe run - --live --out - | jq -c .faces   (JSONL per frame on stdout)

Each JSONL line: {"frame":i,"timeMs":t,"width":W,"height":H,"faces":[{"id":n,"box":[x1,y1,x2,y2],
"score":s,"landmarks":[[x,y],...],"pose":{"yaw":a,"pitch":b,"roll":c}}],"mask":{"file":"...","coverage":f}}`,
    )
    .action(async (inputs: string[], opts) => {
      if (opts.every !== undefined && opts.fps !== undefined) run.error('--every and --fps cannot be used together', { exitCode: EXIT.usage, code: 'facepipe.conflict' });
      if ((opts.reconnect || opts.listen) && !opts.live) run.error(`--${opts.reconnect ? 'reconnect' : 'listen'} needs --live`, { exitCode: EXIT.usage, code: 'facepipe.conflict' });
      // a batch writes several files per input (JSONL, sidecar, videos, masks), each atomically: stdout is for one live stream
      if (opts.out === '-' && !opts.live) run.error('--out - (stdout) needs --live; a batch writes its files into a folder: --out <dir>', { exitCode: EXIT.usage, code: 'facepipe.conflict' });
      ctx.exit.code = await action(inputs, {
        stages: opts.stages,
        ...readModelOptions(opts),
        pose: opts.pose,
        mode: opts.mode,
        detectEvery: opts.detectEvery,
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
        maxInFlight: opts.maxInFlight ?? (opts.live ? liveMaxInFlight(opts.stages) : 8),
        ...(opts.live ? { live: true, reconnect: opts.reconnect, listen: opts.listen } : {}),
        ...(opts.maxFrames !== undefined ? { maxFrames: opts.maxFrames } : {}),
      });
    });
  return run;
}
