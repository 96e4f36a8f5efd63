import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, driving, repoRoot } from './helpers.js';

// The README's composed pipeline (examples/compose.mjs) must really run, against the built packages.
describe('examples/compose.mjs', () => {
  it('runs detect -> track -> landmarks -> pose -> smooth -> segment over driving.mp4', () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'examples/compose.mjs'), driving], { cwd: repoRoot, env: cliEnv(), encoding: 'utf8', timeout: 240_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      frames: number;
      framesWithFace: number;
      trackIds: number[];
      meanMaskCoverage: number;
      lastFace: { frame: number; points: number; box: number[]; pose: { yaw: number; pitch: number; roll: number } };
    };
    console.log('compose example:', r.stdout.trim());
    expect(out.frames).toBe(34); // 169 decoded frames, every 5th
    expect(out.framesWithFace).toBe(34);
    expect(out.trackIds).toEqual([1]);
    expect(out.lastFace.frame).toBe(165);
    expect(out.lastFace.points).toBe(98);
    for (const a of Object.values(out.lastFace.pose)) expect(Math.abs(a)).toBeLessThan(45);
    expect(out.meanMaskCoverage).toBeGreaterThan(0.3); // a close-up talking head fills much of the frame
    expect(out.meanMaskCoverage).toBeLessThan(0.95);
  });
});
