import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFrames, releaseFrames } from '@facepipe/core';
import { defer, lastValueFrom, repeat, take, tap } from '../../shared/rxjs.js';
import { benchPipelineOptions, type BenchSettings } from './bench-settings.js';
import { createStagePipeline } from '../../stages/create-stage-pipeline.js';
import { frameRecord } from '../../output/frame-record.js';

/** Memory over a long looped run. */
export interface RssLoop {
  frames: number;
  fps: number;
  /** RSS samples (MB) every `sampleEvery` frames. */
  samplesMb: number[];
  peakMb: number;
  /** Peak RSS in the first and last quarter of the run (MB); flat memory means these are close. */
  firstQuarterPeakMb: number;
  lastQuarterPeakMb: number;
}

/**
 * Loop a clip (re-subscribing the decoder) through the stage pipeline for `frames` frames, writing
 * JSON lines to a temporary file, and sample the process RSS.
 *
 * ## Example
 * ```ts
 * const m = await measureRssLoop('clip.mp4', { stages: ['detect'], workers: 1 }, 10_000);
 * m.lastQuarterPeakMb - m.firstQuarterPeakMb; // close to 0 when memory is flat
 * ```
 */
export async function measureRssLoop(video: string, settings: BenchSettings, frames: number, sampleEvery = 250): Promise<RssLoop> {
  const pipeline = await createStagePipeline(benchPipelineOptions(settings));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-rss-'));
  const sink = fs.openSync(path.join(dir, 'loop.jsonl'), 'w');
  const samples: number[] = [];
  let n = 0;
  const t0 = performance.now();
  try {
    await lastValueFrom(
      defer(() => readFrames(video, { release: 'manual', maxInFlight: 8 })).pipe(
        repeat(),
        take(frames),
        pipeline.operator(),
        tap((f) => {
          fs.writeSync(sink, `${JSON.stringify(frameRecord(f, { faces: settings.stages.includes('detect') }))}\n`);
          if (++n % sampleEvery === 0) samples.push(process.memoryUsage().rss / 1048576);
        }),
        releaseFrames(),
      ),
      { defaultValue: undefined },
    );
  } finally {
    fs.closeSync(sink);
    fs.rmSync(dir, { recursive: true, force: true });
    await pipeline.dispose();
  }
  const elapsed = performance.now() - t0;
  const q = Math.max(1, Math.floor(samples.length / 4));
  const r1 = (v: number): number => Math.round(v * 10) / 10;
  return {
    frames: n,
    fps: (n * 1000) / elapsed,
    samplesMb: samples.map(r1),
    peakMb: r1(Math.max(...samples)),
    firstQuarterPeakMb: r1(Math.max(...samples.slice(0, q))),
    lastQuarterPeakMb: r1(Math.max(...samples.slice(-q))),
  };
}
