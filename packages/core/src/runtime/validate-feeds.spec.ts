import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '../shared/errors.js';
import type { TensorInfo } from './model-runner.js';
import { createTensor } from '../tensor/tensor.js';
import { validateFeeds } from './validate-feeds.js';

const inputs: TensorInfo[] = [{ name: 'input', type: 'float32', dims: ['batch', 3, 'height', 'width'] }];
const fixed: TensorInfo[] = [{ name: 'input', type: 'float32', dims: [1, 3, 240, 320] }];
const outputs: TensorInfo[] = [
  { name: 'scores', type: 'float32', dims: [1, 4420, 2] },
  { name: 'boxes', type: 'float32', dims: [1, 4420, 4] },
];

describe('validateFeeds', () => {
  it('accepts any size on symbolic dims, exact sizes on fixed ones', () => {
    expect(() => validateFeeds('m', inputs, outputs, { input: createTensor('float32', [2, 3, 64, 96]) })).not.toThrow();
    expect(() => validateFeeds('m', fixed, outputs, { input: createTensor('float32', [1, 3, 240, 320]) }, ['boxes'])).not.toThrow();
  });

  it.each([
    ['rank', { input: createTensor('float32', [3, 240, 320]) }, 'Expected input "input" of model m to be [1, 3, 240, 320], got [3, 240, 320]'],
    ['dims', { input: createTensor('float32', [1, 3, 240, 321]) }, 'Expected input "input" of model m to be [1, 3, 240, 320], got [1, 3, 240, 321]'],
    ['type', { input: createTensor('int32', [1, 3, 240, 320]) }, 'Expected input "input" of model m element type to be float32, got int32'],
    ['names', { input: createTensor('float32', [1, 3, 240, 320]), extra: createTensor('float32', [1]) }, 'Expected the feeds of model m to be tensors named ["input"], got ["input", "extra"]'],
  ])('rejects wrong %s with ShapeMismatchError', (_what, feeds, message) => {
    expect(() => validateFeeds('m', fixed, outputs, feeds)).toThrow(ShapeMismatchError);
    expect(() => validateFeeds('m', fixed, outputs, feeds)).toThrow(message);
  });

  it('explains a detached (transferred) buffer', () => {
    const t = createTensor('float32', [1, 3, 240, 320]);
    const buf = t.data.buffer as ArrayBuffer;
    structuredClone(buf, { transfer: [buf] });
    expect(() => validateFeeds('m', fixed, outputs, { input: t })).toThrow(/0 elements: its buffer is detached/);
  });

  it('rejects unknown output names and non-tensors', () => {
    expect(() => validateFeeds('m', fixed, outputs, { input: createTensor('float32', [1, 3, 240, 320]) }, ['landmarks'])).toThrow(
      'Expected the requested outputs of model m to be a subset of ["scores", "boxes"], got ["landmarks"]',
    );
    expect(() => validateFeeds('m', fixed, outputs, { input: { type: 'float32', dims: [1], data: [1] } as never })).toThrow(TypeError);
  });
});
