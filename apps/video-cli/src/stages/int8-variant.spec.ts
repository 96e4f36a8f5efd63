import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ModelLoadError, modelRegistry } from '@facepipe/core';
import '@facepipe/landmarks'; // registers fsanet-var
import { afterAll, describe, expect, it } from 'vitest';
import { int8FileName, int8Variant } from './int8-variant.js';

describe('int8Variant', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-int8-'));
  const cache = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = dir; // an empty model cache, whatever the machine's holds
  afterAll(() => {
    if (cache === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = cache;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names the quantized file <stem>.int8.onnx', () => {
    expect(int8FileName('/m/version-RFB-320_simplified.onnx')).toBe('version-RFB-320_simplified.int8.onnx');
  });

  it('finds <stem>.int8.onnx beside an explicit path', async () => {
    const fp32 = path.join(dir, 'net.onnx');
    fs.writeFileSync(fp32, 'x');
    await expect(int8Variant(fp32)).rejects.toThrow(/facepipe quantize .*net\.onnx --calib/);
    fs.writeFileSync(path.join(dir, 'net.int8.onnx'), 'x');
    expect(await int8Variant(fp32)).toBe(path.join(dir, 'net.int8.onnx'));
  });

  it('for a registry id, registers <id>-int8 with the same input spec and head, and says how to create a missing file', async () => {
    const err = await int8Variant('fsanet-var').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as Error).message).toMatch(/No int8 variant of fsanet-var \(fsanet-var-iter-688590\.int8\.onnx, .*\); create it with: facepipe quantize fsanet-var --calib/);
    const derived = modelRegistry.get('fsanet-var-int8')!;
    const base = modelRegistry.get('fsanet-var')!;
    expect(derived).toMatchObject({ file: 'fsanet-var-iter-688590.int8.onnx', input: base.input, head: base.head });
    expect(derived.sha256).toBeUndefined();
  });
});
