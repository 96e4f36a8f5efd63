import { probeVideo, type VideoInfo } from '@facepipe/core';
import type { InputFile } from '../../shared/discover-inputs.js';
import { expectedFrameCount } from './expected-frame-count.js';

/** The probes of a run's inputs and the frames each will yield. */
export interface InputProbes {
  /** Expected frames per input (1 for an image; undefined when a video's container does not say or its probe failed). */
  readonly expected: ReadonlyMap<InputFile, number | undefined>;
  /** Each video's probe, to hand to `processInput` (a failed probe rejects there, failing that input). */
  readonly probes: ReadonlyMap<InputFile, Promise<VideoInfo>>;
}

/**
 * Probe every video of a run once (a demux pass without decoding: cheap next to processing), one after the other, for the
 * overall ETA; the results are passed along so no input is probed twice.
 *
 * ## Example
 * ```ts
 * const { expected, probes } = await probeInputs(files, { every: 3 });
 * expected.get(files[0]); // 92
 * ```
 */
export async function probeInputs(files: readonly InputFile[], sampling: { every?: number; fps?: number; maxFrames?: number }): Promise<InputProbes> {
  const expected = new Map<InputFile, number | undefined>();
  const probes = new Map<InputFile, Promise<VideoInfo>>();
  for (const f of files) {
    if (f.kind === 'image') expected.set(f, 1);
    else {
      const probe = probeVideo(f.path);
      probes.set(f, probe);
      expected.set(f, await probe.then((info) => expectedFrameCount(info, sampling), () => undefined));
    }
  }
  return { expected, probes };
}
