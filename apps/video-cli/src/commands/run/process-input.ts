import fs from 'node:fs';
import path from 'node:path';
import { probeVideo, readFrames, readImage, releaseFrames, writeFrames, writeImage, type DecoderError, type Frame, type VideoInfo } from '@facepipe/core';
import { catchError, concatMap, EMPTY, identity, map, of, take, type Observable } from '../../shared/rxjs.js';
import { atomicOutput, type AtomicOutput } from '../../output/atomic-output.js';
import { frameRecord } from '../../output/frame-record.js';
import { createJsonlWriter } from '../../output/jsonl-writer.js';
import type { OutputPlan } from '../../output/output-plan.js';
import { OutputWriteError } from '../../output/output-write-error.js';
import type { InputFile } from '../../shared/discover-inputs.js';
import type { StagePipeline } from '../../stages/stage-pipeline.js';
import { expectedFrameCount } from './expected-frame-count.js';
import { InterruptedError } from './interrupted-error.js';

/** One input of {@link processInput}: a discovered file, with its probe when the caller already has it. */
export interface ProcessInputFile extends InputFile {
  /**
   * The video's `probeVideo` result (or the pending/failed probe itself), so a run probes each video
   * once; without it {@link processInput} probes. Ignored for images.
   */
  readonly probe?: VideoInfo | Promise<VideoInfo>;
  /**
   * The image already being decoded (`readImage(path)`, started by the caller while the previous
   * input ran, so a folder of photos decodes one ahead); without it {@link processInput} decodes. Ignored for videos.
   */
  readonly image?: Promise<Frame>;
}

/** Per-run settings {@link processInput} needs. */
export interface ProcessSettings {
  readonly every?: number;
  readonly fps?: number;
  readonly maxFrames?: number;
  readonly maxInFlight: number;
  /** Whether face results go into the JSONL (a face stage ran). */
  readonly faces: boolean;
  /** Keep the best face crop per track and write `<stem>.thumbs/<id>.jpg` (for the HTML report). */
  readonly report?: boolean;
  /** Keep the decodable frames of a damaged video (`readFrames` `strict: false`); the result says what was wrong. */
  readonly keepDecodable?: boolean;
}

/** Progress callbacks of {@link processInput}. */
export interface ProcessProgress {
  /** After each frame's record was written (in frame order). */
  onFrame?(frame: Frame): void;
  /** Once, before decoding: the frames this input will yield (undefined when the container does not say). */
  onExpected?(frames: number | undefined): void;
  /** Once, before anything is written: the partial (temporary) paths of this input, for a forced exit to remove. */
  onPartials?(paths: readonly string[]): void;
}

/** Outcome of one input. */
export interface ProcessResult {
  readonly frames: number;
  /** With `keepDecodable`: why the video is damaged (the DecoderError's message with ffmpeg's error lines), when it is. */
  readonly damage?: string;
}

function rel(from: string, to: string): string {
  return path.relative(path.dirname(from), to).split(path.sep).join('/');
}

const interrupted = (signal: AbortSignal): InterruptedError => new InterruptedError(String(signal.reason ?? 'SIGINT'));

/**
 * Run the pipeline on one video or image and write its outputs atomically: everything is written
 * under `*.partial-<pid>-<run>` names and renamed into place only after the whole input succeeded
 * (masks, then annotated media, then the JSONL last). On error or abort the partial files are
 * removed and the error is rethrown ({@link InterruptedError} on abort).
 *
 * This is the library entry of the per-input pipeline: `facepipe run` calls it once per input, and
 * so can any other driver (a queue worker) with models opened once by `createStagePipeline` and a
 * plan from `planOutputs`.
 *
 * ## Example
 * ```ts
 * const models = await createStagePipeline({ ...DEFAULT_MODELS, stages: ['detect'], pose: 'fsanet', int8: false, workers: 1 });
 * const [plan] = planOutputs([{ path: '/v/clip.mp4', kind: 'video' }], 'out', { annotate: false, masks: false });
 * await processInput({ path: '/v/clip.mp4', kind: 'video' }, plan, { maxInFlight: 8, faces: true }, models, { onFrame() {} }, signal);
 * // { frames: 275 }, out/clip.jsonl written
 * ```
 * @param input the file (and, for a video, its probe when already known).
 * @param plan its final output paths.
 * @param settings frame sampling and limits.
 * @param models the opened stage models, shared by every input.
 * @param progress per-frame and expected-frame callbacks.
 * @param signal aborting it stops decoding and removes the partial outputs.
 * @throws {DecoderError} for missing/corrupt media; {@link InterruptedError} when `signal` aborts.
 */
export async function processInput(
  input: ProcessInputFile,
  plan: OutputPlan,
  settings: ProcessSettings,
  models: StagePipeline,
  progress: ProcessProgress = {},
  signal: AbortSignal = new AbortController().signal,
): Promise<ProcessResult> {
  if (signal.aborted) throw interrupted(signal);
  // loaded only when asked for: the report's thumbnails (--report), the drawing code (--annotate)
  const thumbsModule = settings.report && settings.faces ? await import('../report/track-thumbnails.js') : undefined;
  const annotateFrame = plan.annotated ? (await import('@facepipe/landmarks')).annotateFrame : undefined;
  const outputs: AtomicOutput[] = [];
  const jsonl = atomicOutput(plan.jsonl);
  const annotated = plan.annotated ? atomicOutput(plan.annotated, { keepExtension: true }) : undefined;
  const masks = plan.masks ? atomicOutput(plan.masks, { keepExtension: input.kind === 'image', directory: input.kind === 'video' }) : undefined;
  if (masks) outputs.push(masks);
  if (annotated) outputs.push(annotated);
  outputs.push(jsonl);
  progress.onPartials?.(outputs.map((o) => o.tempPath));
  fs.mkdirSync(path.dirname(plan.jsonl), { recursive: true });
  // not recursive: a partial folder is this run's own, never one left by an earlier run (EEXIST)
  if (masks && input.kind === 'video') fs.mkdirSync(masks.tempPath);
  const writer = createJsonlWriter(jsonl.tempPath, plan.jsonl);
  const thumbs = thumbsModule ? thumbsModule.createTrackThumbnails(thumbsModule.thumbnailDir(plan.jsonl)) : undefined;
  let frames = 0;
  let damage: string | undefined;
  try {
    const record = async (frame: Frame): Promise<Frame> => {
      const mask = models.mask(frame);
      let maskInfo: { file?: string; coverage: number } | undefined;
      if (mask) {
        maskInfo = { coverage: mask.coverage };
        if (masks && plan.masks) {
          const finalMasks = plan.masks;
          if (input.kind === 'video') {
            const name = `${String(frame.index).padStart(6, '0')}.png`;
            const png = await mask.png();
            await fs.promises.writeFile(path.join(masks.tempPath, name), png).catch((err: unknown) => {
              throw new OutputWriteError(path.join(finalMasks, name), err);
            });
            maskInfo.file = `${rel(plan.jsonl, plan.masks)}/${name}`;
          } else {
            const png = await mask.png();
            await fs.promises.writeFile(masks.tempPath, png).catch((err: unknown) => {
              throw new OutputWriteError(finalMasks, err);
            });
            maskInfo.file = rel(plan.jsonl, plan.masks);
          }
        }
      }
      writer.write(frameRecord(frame, { faces: settings.faces, ...(maskInfo ? { mask: maskInfo } : {}) }));
      thumbs?.observe(frame);
      frames++;
      progress.onFrame?.(frame);
      return frame;
    };
    const draw = (frame: Frame): Frame => {
      const mask = models.mask(frame);
      return annotateFrame!(frame, mask ? { mask } : {});
    };

    let source: Observable<Frame>;
    let decodeFailure: { err: unknown } | undefined;
    let tail: (s: Observable<Frame>) => Observable<Frame>;
    if (input.kind === 'video') {
      const info = await (input.probe ?? probeVideo(input.path));
      progress.onExpected?.(expectedFrameCount(info, settings));
      source = readFrames(input.path, {
        ...(settings.every !== undefined ? { every: settings.every } : {}),
        ...(settings.fps !== undefined ? { fps: settings.fps } : {}),
        maxInFlight: settings.maxInFlight,
        release: 'manual',
        // nothing reads a frame's pixels after releaseFrames (the encoder gets annotated copies): pool the buffers
        reuseBuffers: true,
        ...(settings.keepDecodable
          ? {
              strict: false,
              onDamage: (err: DecoderError) => {
                damage = err.message;
              },
            }
          : {}),
      }).pipe(
        settings.maxFrames !== undefined ? take(settings.maxFrames) : identity,
        // a decoder failure ends the stream instead of overtaking the frames still in the stages: they
        // are finished and written (and the tracker's held-back frames flushed), then the input fails
        catchError((err: unknown) => {
          decodeFailure = { err };
          return EMPTY;
        }),
      );
      // every annotated frame keeps its source time (writeFrames' timing 'frames') on the source's frame
      // grid (r_frame_rate; a grid finer than 1/120 s would give the last frame almost no duration)
      const srcFps = info.baseFps > 0 && info.baseFps <= 120 ? info.baseFps : info.fps > 0 ? info.fps : 25;
      tail = (s) => {
        if (!annotated) return s.pipe(releaseFrames());
        // the encoder sees annotated copies; the decoder's own frames are released afterwards
        const originals = new WeakMap<Frame, Frame>();
        return s.pipe(
          map((f) => {
            const a = draw(f);
            originals.set(a, f);
            return a;
          }),
          writeFrames(annotated.tempPath, { fps: srcFps, ...(info.hasAudio && settings.maxFrames === undefined ? { audioFrom: input.path } : {}) }),
          map((a) => originals.get(a) ?? a),
          releaseFrames(),
        );
      };
    } else {
      progress.onExpected?.(1);
      source = of(await (input.image ?? readImage(input.path)));
      tail = (s) =>
        annotated
          ? s.pipe(
              concatMap(async (f) => {
                await writeImage(draw(f), annotated.tempPath);
                return f;
              }),
            )
          : s;
    }

    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        sub.unsubscribe();
        reject(interrupted(signal));
      };
      const sub = tail(source.pipe(models.operator(input.kind), concatMap(record))).subscribe({
        error: (err: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(err);
        },
        complete: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    if (decodeFailure) throw decodeFailure.err;
    await writer.close();
    if (signal.aborted) throw interrupted(signal);
    await thumbs?.write();
    for (const o of outputs) o.commit();
    return damage !== undefined ? { frames, damage } : { frames };
  } catch (err) {
    // wait for the stream to close: a file still being opened would otherwise reappear after abort()
    await writer.destroy();
    for (const o of outputs) o.abort();
    throw err;
  }
}
