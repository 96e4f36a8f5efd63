import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_MODELS } from './builtin-models.js';
import { ModelRegistry } from './model-registry.js';
import type { ModelSpec } from './model-spec.js';
import { createSessionRunner } from '../runtime/session-runner.js';

function outputNames(spec: ModelSpec): string[] {
  const h = spec.head;
  switch (h.kind) {
    case 'ultraface':
      return [h.scores, h.boxes];
    case 'yunet':
      return [8, 16, 32].flatMap((s) => [`cls_${s}`, `obj_${s}`, `bbox_${s}`, `kps_${s}`]);
    case 'scrfd':
      return [8, 16, 32].flatMap((s) => [`score_${s}`, `bbox_${s}`, `kps_${s}`]);
    case 'landmarks':
      return [h.output, ...(h.pose ? [h.pose.output] : [])];
    case 'headpose':
    case 'segmentation':
      return [h.output];
  }
}

describe('BUILTIN_MODELS', () => {
  it('has unique ids and files', () => {
    expect(new Set(BUILTIN_MODELS.map((s) => s.id)).size).toBe(BUILTIN_MODELS.length);
    expect(new Set(BUILTIN_MODELS.map((s) => s.file)).size).toBe(BUILTIN_MODELS.length);
  });

  it("each spec's input name and size and its head's output names match the real model's metadata", async () => {
    const checked: string[] = [];
    for (const spec of BUILTIN_MODELS) {
      if (!spec.sha256) continue; // pfpld: no file available
      const runner = await createSessionRunner(path.join(process.env.FACEPIPE_MODELS!, spec.folder!, spec.file), { intraOpThreads: 1, modelId: spec.id });
      try {
        expect(runner.inputs.map((i) => i.name), spec.id).toEqual([spec.input.name]);
        const dims = runner.inputs[0]!.dims;
        expect(dims[1], spec.id).toBe(3);
        if (spec.input.dynamicMultiple) {
          expect(typeof dims[2] === 'string' && typeof dims[3] === 'string', spec.id).toBe(true);
        } else {
          expect([dims[2], dims[3]], spec.id).toEqual([spec.input.height, spec.input.width]);
        }
        const names = runner.outputs.map((o) => o.name);
        for (const n of outputNames(spec)) expect(names, spec.id).toContain(n);
        checked.push(spec.id);
      } finally {
        await runner.dispose();
      }
    }
    expect(checked.length).toBe(19);
  });
});

describe('ModelRegistry', () => {
  it('registers, finds by file, and refuses a conflicting re-registration', () => {
    const reg = new ModelRegistry();
    const spec = reg.get('sinet-320')!;
    reg.register(spec); // identical: no-op
    expect(reg.findByFile('SINet_Softmax_320.onnx')?.id).toBe('sinet-320');
    expect(() => reg.register({ ...spec, file: 'other.onnx' })).toThrow('Model id "sinet-320" is already registered with a different spec');
    reg.register({ ...spec, id: 'my-sinet', file: 'mine.onnx' });
    expect(reg.list().at(-1)?.id).toBe('my-sinet');
  });
});
