/**
 * Frames a video input will yield with the sampling settings, from its probe (undefined when the
 * container does not say).
 *
 * ## Example
 * ```ts
 * expectedFrameCount({ fps: 29.97, durationMs: 9176, frameCount: 275 }, { every: 3 }); // 92
 * ```
 */
export function expectedFrameCount(info: { fps: number; durationMs: number; frameCount?: number | undefined }, s: { every?: number; fps?: number; maxFrames?: number }): number | undefined {
  const total = info.frameCount ?? (info.fps > 0 && info.durationMs > 0 ? Math.round((info.durationMs * info.fps) / 1000) : undefined);
  if (total === undefined) return undefined;
  let n = s.fps !== undefined ? Math.round((info.durationMs * s.fps) / 1000) : s.every !== undefined ? Math.ceil(total / s.every) : total;
  if (s.maxFrames !== undefined) n = Math.min(n, s.maxFrames);
  return n;
}
