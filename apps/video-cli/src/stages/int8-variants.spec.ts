import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ModelLoadError } from '@facepipe/core';
import '@facepipe/landmarks'; // registers the FSA-Net models
import { afterAll, describe, expect, it } from 'vitest';
import { int8FileName } from './int8-variant.js';
import { int8Variants } from './int8-variants.js';

describe('int8Variants', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-int8s-'));
  const cache = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = dir; // an empty model cache
  afterAll(() => {
    if (cache === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = cache;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists every missing variant on its own line with its command, then the one command for all', async () => {
    const err = await int8Variants(['fsanet-1x1', 'fsanet-var', 'fsanet-1x1']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    const lines = (err as Error).message.split('\n');
    expect(lines[0]).toBe('2 int8 variants are missing:');
    expect(lines[1]).toMatch(/^ {2}No int8 variant of fsanet-1x1 .*; create it with: facepipe quantize fsanet-1x1 --calib/);
    expect(lines[2]).toMatch(/^ {2}No int8 variant of fsanet-var .*; create it with: facepipe quantize fsanet-var --calib/);
    expect(lines[3]).toMatch(/facepipe quantize --all --calib/);
    expect((err as ModelLoadError).model).toBe('fsanet-1x1');
  });

  it('returns the id to open for each model once its file exists', async () => {
    fs.mkdirSync(path.join(dir, 'facepipe'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'facepipe', int8FileName('fsanet-1x1-iter-688590.onnx')), 'x');
    await expect(int8Variants(['fsanet-var', 'fsanet-1x1'])).rejects.toThrow(/^No int8 variant of fsanet-var /);
    fs.writeFileSync(path.join(dir, 'facepipe', int8FileName('fsanet-var-iter-688590.onnx')), 'x');
    expect(await int8Variants(['fsanet-1x1', 'fsanet-var'])).toEqual(new Map([['fsanet-1x1', 'fsanet-1x1-int8'], ['fsanet-var', 'fsanet-var-int8']]));
  });
});
