import fs from 'node:fs';
import path from 'node:path';
import { probeVideo } from '@facepipe/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, decodeCount, driving, hamilton, readJsonl, runCliSync, shared, tempDir } from './helpers.js';

describe('facepipe run on the shared videos', () => {
  let out: string;
  beforeAll(() => {
    assertCliBuilt();
    out = tempDir('run');
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('driving.mp4: one JSONL line per frame, a face in >= 90% of frames with one stable id, 98 landmarks and a pose', async () => {
    const info = await probeVideo(driving);
    const r = runCliSync(['run', driving, '--out', out, '--json', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    const lines = readJsonl(path.join(out, 'driving.jsonl'));
    console.log(`driving.mp4: ${lines.length} lines (container says ${info.frameCount}), ${summary.fps} fps end to end`);
    expect(lines.length).toBe(info.frameCount);
    expect(summary.files[0].frames).toBe(lines.length);
    expect(lines.map((l) => l.frame)).toEqual(lines.map((_, i) => i));
    expect(lines.every((l, i) => i === 0 || l.timeMs > lines[i - 1]!.timeMs)).toBe(true);
    expect(lines[0]).toMatchObject({ width: 410, height: 412 });
    const withFace = lines.filter((l) => l.faces.length > 0);
    const ids = new Map<number, number>();
    for (const l of lines) for (const f of l.faces) ids.set(f.id, (ids.get(f.id) ?? 0) + 1);
    const [mainId, mainCount] = [...ids.entries()].sort((a, b) => b[1] - a[1])[0]!;
    console.log(`driving.mp4: face in ${withFace.length}/${lines.length} frames; main track id ${mainId} in ${mainCount} frames; ids ${JSON.stringify([...ids])}`);
    expect(withFace.length / lines.length).toBeGreaterThanOrEqual(0.9);
    expect(mainCount / lines.length).toBeGreaterThanOrEqual(0.9);
    const face = withFace[0]!.faces[0];
    expect(face.box).toHaveLength(4);
    expect(face.landmarks).toHaveLength(98);
    expect(Object.keys(face.pose).sort()).toEqual(['pitch', 'roll', 'yaw']);
    // the landmarks sit inside (a margin around) the box
    const [x1, y1, x2, y2] = face.box;
    const w = x2 - x1;
    for (const [x, y] of face.landmarks) {
      expect(x).toBeGreaterThan(x1 - 0.3 * w);
      expect(x).toBeLessThan(x2 + 0.3 * w);
      expect(y).toBeGreaterThan(y1 - 0.3 * w);
      expect(y).toBeLessThan(y2 + 0.3 * w);
    }
  });

  it('hamilton --every 3 --annotate: sampled line count, annotated mp4 decodes with that many frames at 640x360', async () => {
    const info = await probeVideo(hamilton);
    const r = runCliSync(['run', hamilton, '--out', out, '--every', '3', '--annotate', '--stages', 'detect,landmarks,pose', '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const lines = readJsonl(path.join(out, 'short_hamilton_clip.jsonl'));
    const expected = Math.ceil(info.frameCount! / 3);
    expect(lines.length).toBe(expected);
    expect(lines.map((l) => l.frame)).toEqual(lines.map((_, i) => 3 * i));
    const video = decodeCount(path.join(out, 'short_hamilton_clip.annotated.mp4'));
    console.log(`hamilton --every 3: ${lines.length} lines, annotated mp4 ${video.frames} frames ${video.width}x${video.height}; faces in ${lines.filter((l) => l.faces.length).length} lines`);
    expect(video).toEqual({ frames: expected, width: 640, height: 360 });
    expect(fs.readdirSync(out).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('an image gives one line; --annotate writes a png', () => {
    const photo = path.join(shared, 'data/photos/fr_two_people.jpg');
    const r = runCliSync(['run', photo, '--out', out, '--annotate', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const lines = readJsonl(path.join(out, 'fr_two_people.jsonl'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.faces.length).toBeGreaterThanOrEqual(2);
    const png = fs.readFileSync(path.join(out, 'fr_two_people.annotated.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
