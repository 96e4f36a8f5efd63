import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DecoderError } from '@facepipe/core';
import { describe, expect, it } from 'vitest';
import { probeInputs } from './probe-inputs.js';

const shared = process.env.FACEPIPE_SHARED!;

describe('probeInputs', () => {
  it('probes each video once, gives images 1 frame, and keeps a failed probe for processInput', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-probe-'));
    try {
      const bad = path.join(dir, 'bad.mp4');
      fs.writeFileSync(bad, 'not a video');
      const video = { path: path.join(shared, 'data/video/short_hamilton_clip.mp4'), kind: 'video' as const };
      const image = { path: path.join(shared, 'data/photos/fr_two_people.jpg'), kind: 'image' as const };
      const broken = { path: bad, kind: 'video' as const };
      const { expected, probes } = await probeInputs([video, image, broken], { every: 3 });
      expect(expected.get(video)).toBe(92);
      expect(expected.get(image)).toBe(1);
      expect(expected.has(broken)).toBe(true);
      expect(expected.get(broken)).toBeUndefined();
      expect(probes.has(image)).toBe(false);
      expect((await probes.get(video)!).frameCount).toBe(275);
      await expect(probes.get(broken)!).rejects.toBeInstanceOf(DecoderError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
