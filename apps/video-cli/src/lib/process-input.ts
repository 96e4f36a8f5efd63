import fs from 'node:fs';
import path from 'node:path';
import { probeVideo, readFrames, readImage, releaseFrames, writeFrames, writeImage, type Frame } from '@facepipe/core';
import { concatMap, identity, map, of, take, type Observable } from 'rxjs';
import { annotateFrame } from './annotate-frame.js';
import { atomicOutput, type AtomicOutput } from './atomic-output.js';
import type { InputFile } from './discover-inputs.js';
import { frameRecord } from './frame-record.js';
import { InterruptedError } from './interrupted-error.js';
import { expectedFrameCount } from './expected-frame-count.js';
import { createJsonlWriter } from './jsonl-writer.js';
import type { OutputPlan } from './output-plan.js';
import type { StagePipeline } from './stage-pipeline.js';
import { createTrackThumbnails, thumbnailDir } from '../commands/report/track-thumbnails.js';

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
}

/** Outcome of one input. */
export interface ProcessResult {
  readonly frames: number;
}

function rel(from: string, to: string): string {
  return path.relative(path.dirname(from), to).split(path.sep).join('/');
}

/**
 * Run the pipeline on one video or image and write its outputs atomically: everything is written
 * under `*.partial-<pid>` names and renamed into place only after the whole input succeeded
 * (masks, then annotated media, then the JSONL last). On error or abort the partial files are
 * removed and the error is rethrown ({@link InterruptedError} on abort).
 *
 * ## Example
 * ```ts
 * await processInput({ path: '/v/clip.mp4', kind: 'video' }, plan, pipeline, settings, { onFrame() {}, signal });
 * ```
 * @throws {DecoderError} for missing/corrupt media; {@link InterruptedError} when `signal` aborts.
 */
export async function processInput(
  input: InputFile,
  plan: OutputPlan,
  pipeline: StagePipeline,
  settings: ProcessSettings,
  hooks: { onFrame(frame: Frame): void; onExpected?(frames: number | undefined): void; signal: AbortSignal },
): Promise<ProcessResult> {
  if (hooks.signal.aborted) throw new InterruptedError(String(hooks.signal.reason ?? 'SIGINT'));
  const outputs: AtomicOutput[] = [];
  const jsonl = atomicOutput(plan.jsonl);
  const annotated = plan.annotated ? atomicOutput(plan.annotated, { keepExtension: true }) : undefined;
  const masks = plan.masks ? atomicOutput(plan.masks, { keepExtension: input.kind === 'image', directory: input.kind === 'video' }) : undefined;
  if (masks) outputs.push(masks);
  if (annotated) outputs.push(annotated);
  outputs.push(jsonl);
  fs.mkdirSync(path.dirname(plan.jsonl), { recursive: true });
  if (masks && input.kind === 'video') fs.mkdirSync(masks.tempPath, { recursive: true });
  const writer = createJsonlWriter(jsonl.tempPath);
  const thumbs = settings.report && settings.faces ? createTrackThumbnails(thumbnailDir(plan.jsonl)) : undefined;
  let frames = 0;
  try {
    const record = async (frame: Frame): Promise<Frame> => {
      const mask = pipeline.mask(frame);
      let maskInfo: { file?: string; coverage: number } | undefined;
      if (mask) {
        maskInfo = { coverage: mask.coverage };
        if (masks && plan.masks) {
          if (input.kind === 'video') {
            const name = `${String(frame.index).padStart(6, '0')}.png`;
            await fs.promises.writeFile(path.join(masks.tempPath, name), await mask.png());
            maskInfo.file = `${rel(plan.jsonl, plan.masks)}/${name}`;
          } else {
            await fs.promises.writeFile(masks.tempPath, await mask.png());
            maskInfo.file = rel(plan.jsonl, plan.masks);
          }
        }
      }
      writer.write(frameRecord(frame, { faces: settings.faces, ...(maskInfo ? { mask: maskInfo } : {}) }));
      thumbs?.observe(frame);
      frames++;
      hooks.onFrame(frame);
      return frame;
    };
    const draw = (frame: Frame): Frame => {
      const mask = pipeline.mask(frame);
      return annotateFrame(frame, mask ? { mask } : {});
    };

    let source: Observable<Frame>;
    let tail: (s: Observable<Frame>) => Observable<Frame>;
    if (input.kind === 'video') {
      const info = await probeVideo(input.path);
      hooks.onExpected?.(expectedFrameCount(info, settings));
      source = readFrames(input.path, {
        ...(settings.every !== undefined ? { every: settings.every } : {}),
        ...(settings.fps !== undefined ? { fps: settings.fps } : {}),
        maxInFlight: settings.maxInFlight,
        release: 'manual',
      }).pipe(settings.maxFrames !== undefined ? take(settings.maxFrames) : identity);
      // readFrames drops frames to reach --fps but never duplicates them, so the output rate is at most the source's
      const srcFps = info.fps > 0 ? info.fps : 25;
      const outFps = settings.fps !== undefined ? Math.min(settings.fps, srcFps) : settings.every !== undefined ? srcFps / settings.every : srcFps;
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
          writeFrames(annotated.tempPath, { fps: outFps, ...(info.hasAudio && settings.maxFrames === undefined ? { audioFrom: input.path } : {}) }),
          map((a) => originals.get(a) ?? a),
          releaseFrames(),
        );
      };
    } else {
      hooks.onExpected?.(1);
      source = of(await readImage(input.path));
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
        reject(new InterruptedError(String(hooks.signal.reason ?? 'SIGINT')));
      };
      const sub = tail(source.pipe(pipeline.operator(), concatMap(record))).subscribe({
        error: (err: unknown) => {
          hooks.signal.removeEventListener('abort', onAbort);
          reject(err);
        },
        complete: () => {
          hooks.signal.removeEventListener('abort', onAbort);
          resolve();
        },
      });
      if (hooks.signal.aborted) onAbort();
      else hooks.signal.addEventListener('abort', onAbort, { once: true });
    });
    await writer.close();
    if (hooks.signal.aborted) throw new InterruptedError(String(hooks.signal.reason ?? 'SIGINT'));
    await thumbs?.write();
    for (const o of outputs) o.commit();
    return { frames };
  } catch (err) {
    writer.destroy();
    for (const o of outputs) o.abort();
    throw err;
  }
}
