import { describe, expect, it } from 'vitest';
import { ModelRegistry, modelRegistry } from '../models/model-registry.js';
import type { ModelSpec } from '../models/model-spec.js';
import { ModelLoadError, ShapeMismatchError } from '../shared/errors.js';
import { checkModelSpec } from './check-model-spec.js';

const variant = (base: ModelSpec, input: Partial<ModelSpec['input']>): { spec: ModelSpec; registry: ModelRegistry } => {
  const spec = { ...base, input: { ...base.input, ...input } };
  return { spec, registry: new ModelRegistry([spec]) };
};

describe('checkModelSpec', () => {
  it('passes for specs that match their files (fixed and dynamic input)', async () => {
    await expect(checkModelSpec(modelRegistry.get('ultraface-rfb-320')!, ['scores', 'boxes'])).resolves.toBeUndefined();
    const dyn = variant(modelRegistry.get('yunet-dynamic')!, { dynamicMultiple: 32 });
    await expect(checkModelSpec(dyn.spec, ['cls_8', 'kps_32'], { registry: dyn.registry })).resolves.toBeUndefined();
  });

  it('names a missing output, a wrong input size, and a fixed input declared dynamic', async () => {
    const uf = modelRegistry.get('ultraface-rfb-320')!;
    await expect(checkModelSpec(uf, ['scores', 'landmarks'])).rejects.toThrow(ModelLoadError);
    const wide = variant(uf, { width: 640 });
    await expect(checkModelSpec(wide.spec, ['scores'], { registry: wide.registry })).rejects.toThrow('Expected input "input" of model ultraface-rfb-320 to be [?, 3, 240, 640], got [1, 3, 240, 320]');
    const dyn = variant(uf, { dynamicMultiple: 32 });
    await expect(checkModelSpec(dyn.spec, ['scores'], { registry: dyn.registry })).rejects.toThrow(ShapeMismatchError);
  });
});
