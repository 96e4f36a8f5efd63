import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
let spawned = 0;

/**
 * Number of ffmpeg child processes started by facepipe that have not exited yet.
 *
 * Every process `probeVideo`, `readFrames` and `writeFrames` spawn is counted from spawn until its
 * `exit` event, so a leak test can check that the count returns to its starting value after
 * unsubscribing (the kill is asynchronous: poll for a few hundred milliseconds).
 *
 * ## Example
 * ```ts
 * const before = liveFfmpegCount();
 * readFrames('clip.mp4').pipe(take(5)).subscribe();
 * // ... once the 5 frames are out and the child has been reaped:
 * liveFfmpegCount() === before; // true
 * ```
 */
export function liveFfmpegCount(): number {
  return live.size;
}

/** Count `child` in {@link liveFfmpegCount} until it exits (internal). */
export function trackFfmpegChild(child: ChildProcess): void {
  spawned++;
  if (child.exitCode !== null || child.signalCode !== null) return;
  live.add(child);
  const done = (): void => {
    live.delete(child);
  };
  child.once('exit', done);
  child.once('error', done);
}

/** How many children {@link trackFfmpegChild} has seen in this process (internal, for tests). */
export function spawnedFfmpegTotal(): number {
  return spawned;
}
