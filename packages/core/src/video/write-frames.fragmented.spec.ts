import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lastValueFrom, Subject, toArray } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import { DecoderError } from '../shared/errors.js';
import type { Frame } from '../tensor/frame.js';
import { readFrames } from './read-frames.js';
import { resolveFfmpeg } from './resolve-ffmpeg.js';
import { writeFrames } from './write-frames.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facepipe-write-frag-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Feed `frames` to writeFrames, wait until ffmpeg has written what it will before the end, then kill it (unsubscribe = SIGKILL). */
async function writeAndKill(frames: readonly Frame[], out: string, fragmented: boolean): Promise<void> {
  const input = new Subject<Frame>();
  const sub = input.pipe(writeFrames(out, { fps: 10, fragmented })).subscribe({ error: () => undefined });
  for (const f of frames) input.next(f);
  let last = -1;
  for (let stable = 0; stable < 10; ) {
    await new Promise((r) => setTimeout(r, 100));
    const size = fs.existsSync(out) ? fs.statSync(out).size : 0;
    stable = size > 0 && size === last ? stable + 1 : 0;
    last = size;
  }
  sub.unsubscribe();
}

describe('writeFrames fragmented', () => {
  it('a killed fragmented mp4 still decodes up to its last complete fragment; a killed faststart mp4 does not', async () => {
    const src = path.join(tmp, 'src.nut');
    execFileSync(resolveFfmpeg(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-frames:v', '40', '-c:v', 'rawvideo', '-pix_fmt', 'rgb24', src]);
    const frames = await lastValueFrom(readFrames(src).pipe(toArray()));
    const frag = path.join(tmp, 'frag.mp4');
    await writeAndKill(frames, frag, true);
    const back = await lastValueFrom(readFrames(frag, { strict: false }).pipe(toArray()));
    expect(back.length).toBeGreaterThanOrEqual(30); // fragments of 10 frames (a keyframe per second at 10 fps)
    expect(back.length).toBeLessThanOrEqual(40);
    expect(back[0]).toMatchObject({ width: 160, height: 120 });
    const plain = path.join(tmp, 'plain.mp4');
    await writeAndKill(frames, plain, false);
    await expect(lastValueFrom(readFrames(plain).pipe(toArray()))).rejects.toBeInstanceOf(DecoderError);
  });

  it('validates the option', () => {
    expect(() => writeFrames('x.mp4', { fps: 10, fragmented: 'yes' as unknown as boolean })).toThrow(/fragmented/);
  });
});
