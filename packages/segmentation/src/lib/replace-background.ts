import { Observable, type OperatorFunction, type Subscription } from './rxjs.js';
import { assertInteger, DecoderError, readFrames, readImage, releaseFrame, type Frame, type ImageData8 } from '@facepipe/core';
import { compositeMask, type RgbColor } from './composite-mask.js';
import { fitCover } from './fit-cover.js';
import { frameFromImage } from './frame-from-image.js';
import type { FrameWithMask } from './mask.js';
import { checkSegmentPortraitOptions, segmentPortrait, type SegmentPortraitOptions } from './segment-portrait.js';

/** The new background: a solid colour, a still image (or its path), or a video (frames or a path), looped when shorter. */
export type BackgroundSource =
  | { readonly color: RgbColor }
  | { readonly image: ImageData8 | string }
  | { readonly video: Observable<Frame> | string };

/** Options of {@link replaceBackground}. */
export type ReplaceBackgroundOptions = BackgroundSource & SegmentPortraitOptions;

function checkBackground(options: ReplaceBackgroundOptions): void {
  const kinds = (['color', 'image', 'video'] as const).filter((k) => (options as unknown as Record<string, unknown>)[k] !== undefined);
  if (kinds.length !== 1) {
    throw new TypeError(`Expected exactly one of \`color\`, \`image\`, \`video\` in replaceBackground options, got ${kinds.length ? kinds.map((k) => `\`${k}\``).join(', ') : 'none'}`);
  }
  if ('color' in options && options.color !== undefined) {
    const c = options.color as unknown;
    if (!Array.isArray(c) || c.length !== 3) throw new TypeError(`Expected \`color\` to be an [r, g, b] array, got \`${JSON.stringify(c)}\` (${typeof c})`);
    c.forEach((v, i) => assertInteger(v, `color[${i}]`, 0, 255));
  }
  if ('image' in options && options.image !== undefined) {
    const im = options.image as unknown;
    if (typeof im !== 'string' && (im === null || typeof im !== 'object' || !((im as ImageData8).data instanceof Uint8Array))) {
      throw new TypeError(`Expected \`image\` to be an ImageData8 or a file path, got \`${String(im)}\` (${typeof im})`);
    }
    if (typeof im !== 'string' && (im as ImageData8).channels !== 3) throw new TypeError(`Expected \`image\` to be RGB (3 channels), got ${(im as ImageData8).channels} channels`);
  }
  if ('video' in options && options.video !== undefined) {
    const v = options.video as unknown;
    if (typeof v !== 'string' && !(v instanceof Observable)) throw new TypeError(`Expected \`video\` to be an Observable<Frame> or a file path, got \`${String(v)}\` (${typeof v})`);
  }
}

/**
 * Operator that segments each frame and puts the person on a new background: a colour, a still
 * image (scaled to cover the frame, centre-cropped), or a video whose frames are paired with the
 * input frames in order (looped from the start when it is shorter; scaled to cover). Masks are
 * feathered 2 px by default. Output frames carry new pixels and `results.mask`; input frames
 * (and background video frames) are released (`releaseFrame`) once composited.
 *
 * A background video given as a path is decoded with `readFrames(path, { release: 'manual' })`, so
 * at most a few background frames are buffered. A background Observable is re-subscribed to loop;
 * frames it emits ahead of the input are buffered.
 *
 * ## Example
 * ```ts
 * readFrames('call.mp4').pipe(replaceBackground({ image: 'beach.jpg' }), writeFrames('out.mp4', { fps: 25 }));
 * readFrames('call.mp4').pipe(replaceBackground({ color: [0, 177, 64] })); // green screen
 * ```
 * @throws {TypeError|RangeError} synchronously for invalid options.
 * @throws {DecoderError} as an error notification when the background cannot be read or the background video has no frames.
 */
export function replaceBackground(options: ReplaceBackgroundOptions): OperatorFunction<Frame, FrameWithMask> {
  checkBackground(options);
  checkSegmentPortraitOptions(options);
  const seg = segmentPortrait({ ...options, feather: options.feather ?? 2, reuseMask: options.reuseMask ?? true });
  return (source) =>
    new Observable<FrameWithMask>((sub) => {
      let closed = false;
      const subs: Subscription[] = [];
      const fgQueue: FrameWithMask[] = [];
      let fgDone = false;
      const emit = (frame: FrameWithMask, background: ImageData8 | RgbColor) => {
        const out = compositeMask(frame, background, frame.results.mask);
        const result = frameFromImage(frame, out) as FrameWithMask;
        releaseFrame(frame);
        sub.next(result);
      };
      const fail = (err: unknown) => {
        if (closed) return;
        closed = true;
        sub.error(err);
      };

      // --- background providers ---
      let still: ImageData8 | undefined; // loaded image (native size)
      const fitted = new Map<string, ImageData8>(); // still image fitted per frame size
      let stillLoading = false;
      const bgQueue: Frame[] = [];
      let bgSubscription: Subscription | undefined;
      let bgCount = 0;
      let bgEnded = false;

      const drain = () => {
        if (closed) return;
        try {
          if ('color' in options && options.color) {
            while (fgQueue.length) emit(fgQueue.shift()!, options.color);
          } else if ('image' in options && options.image !== undefined) {
            if (!still) return;
            while (fgQueue.length && !closed) {
              const f = fgQueue.shift()!;
              const key = `${f.width}x${f.height}`;
              let bg = fitted.get(key);
              if (!bg) fitted.set(key, (bg = fitCover(still, f.width, f.height)));
              emit(f, bg);
            }
          } else {
            while (fgQueue.length && bgQueue.length && !closed) {
              const f = fgQueue.shift()!;
              const b = bgQueue.shift()!;
              emit(f, fitCover(b, f.width, f.height));
              releaseFrame(b);
            }
            // loop the background on demand (never eagerly: a synchronous source would spin)
            if (!closed && fgQueue.length && !bgQueue.length && bgEnded) startVideo();
          }
        } catch (err) {
          fail(err);
          return;
        }
        if (!closed && fgDone && fgQueue.length === 0) {
          closed = true;
          sub.complete();
        }
      };

      const startVideo = () => {
        const video = (options as { video: Observable<Frame> | string }).video;
        const source$ = typeof video === 'string' ? readFrames(video, { release: 'manual', maxInFlight: 4 }) : video;
        bgCount = 0;
        bgEnded = false;
        bgSubscription = source$.subscribe({
          next(b) {
            bgCount++;
            bgQueue.push(b);
            drain();
          },
          error: fail,
          complete() {
            if (closed) return;
            if (bgCount === 0) {
              fail(new DecoderError('Background video has no frames', typeof video === 'string' ? video : 'Observable'));
              return;
            }
            bgEnded = true;
            drain();
          },
        });
        subs.push(bgSubscription);
      };

      const ensureBackground = () => {
        if ('image' in options && options.image !== undefined && !still && !stillLoading) {
          const image = options.image;
          if (typeof image === 'string') {
            stillLoading = true;
            readImage(image).then((img) => {
              still = img;
              drain();
            }, fail);
          } else {
            still = image;
          }
        } else if ('video' in options && options.video !== undefined && !bgSubscription) {
          startVideo();
        }
      };

      ensureBackground();
      subs.push(
        source.pipe(seg).subscribe({
          next(f) {
            fgQueue.push(f);
            drain();
          },
          error: fail,
          complete() {
            fgDone = true;
            drain();
          },
        }),
      );
      return () => {
        closed = true;
        for (const s of subs) s.unsubscribe();
        bgQueue.length = 0;
        fgQueue.length = 0;
      };
    });
}
