import { describe, expect, it } from 'vitest';
import { ModelRegistry, modelRegistry } from './model-registry.js';
import type { ModelHead, ModelSpec } from './model-spec.js';
import { registerModel } from './register-model.js';

interface TestHead extends ModelHead {
  readonly kind: 'test-head';
  readonly output: string;
}

const spec: ModelSpec<TestHead> = {
  id: 'reg-a', task: 'test', file: 'a.onnx', license: 'MIT', source: { repo: 'x/y', commit: 'c'.repeat(40), path: 'a.onnx' },
  input: { name: 'input', width: 8, height: 8, layout: 'NCHW', channelOrder: 'RGB', mean: [0, 0, 0], std: [1, 1, 1], resize: 'squash' },
  head: { kind: 'test-head', output: 'out' }, description: 'a',
};

describe('ModelRegistry', () => {
  it('starts empty: core knows no stage models', () => {
    expect(new ModelRegistry().list()).toEqual([]);
  });

  it('registers, finds by file, and refuses a conflicting re-registration', () => {
    const reg = new ModelRegistry([spec]);
    reg.register({ ...spec, head: { ...spec.head } }); // identical: no-op
    expect(reg.list()).toHaveLength(1);
    expect(reg.findByFile('a.onnx')?.id).toBe('reg-a');
    expect(() => reg.register({ ...spec, file: 'other.onnx' })).toThrow('Model id "reg-a" is already registered with a different spec');
    reg.register({ ...spec, id: 'reg-b', file: 'b.onnx' });
    expect(reg.list().map((s) => s.id)).toEqual(['reg-a', 'reg-b']);
  });

  it('keeps a stage head intact (open ModelHead)', () => {
    const reg = new ModelRegistry([spec]);
    expect(reg.get('reg-a')?.head).toEqual({ kind: 'test-head', output: 'out' });
  });
});

describe('registerModel', () => {
  it('adds one spec or a list to the given registry, a no-op for the same spec, throws for a different one', () => {
    const reg = new ModelRegistry();
    registerModel(spec, reg);
    registerModel([spec, { ...spec, id: 'reg-c', file: 'c.onnx' }], reg);
    expect(reg.list().map((s) => s.id)).toEqual(['reg-a', 'reg-c']);
    const changed: ModelSpec<TestHead> = { ...spec, head: { kind: 'test-head', output: 'other' } };
    expect(() => registerModel(changed, reg)).toThrow('Model id "reg-a" is already registered with a different spec');
  });

  it('defaults to the process-wide registry', () => {
    registerModel({ ...spec, id: 'reg-global', file: 'global.onnx' });
    expect(modelRegistry.get('reg-global')?.file).toBe('global.onnx');
  });
});
