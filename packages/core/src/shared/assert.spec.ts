import { describe, expect, it } from 'vitest';
import { assertInRange, assertInteger, assertNumber, assertObject, assertOneOf, assertString, expectedMessage } from './assert.js';

describe('assert helpers', () => {
  it('word messages the same way and pick TypeError vs RangeError', () => {
    expect(() => assertInRange(1.2, 'iouThreshold', 0, 1)).toThrow(new RangeError('Expected `iouThreshold` to be a number in [0, 1], got `1.2` (number)'));
    expect(() => assertNumber('3', 'x')).toThrow(TypeError);
    expect(() => assertNumber(NaN, 'x')).toThrow(new RangeError('Expected `x` to be a finite number, got `NaN` (number)'));
    expect(() => assertNumber(Infinity, 'x')).toThrow(/got `Infinity` \(number\)/);
    expect(() => assertInteger(2.5, 'workers', 0)).toThrow(RangeError);
    expect(() => assertInteger(-1, 'workers', 0)).toThrow('Expected `workers` to be an integer >= 0, got `-1` (number)');
    expect(() => assertOneOf('x', 'nms', ['hard', 'soft'])).toThrow('Expected `nms` to be one of `hard`, `soft`, got `x` (string)');
    expect(() => assertString('', 'model')).toThrow(TypeError);
    expect(() => assertObject([], 'options')).toThrow('Expected `options` to be an object, got `[]` (array)');
    expect(() => assertObject(undefined, 'options', true)).not.toThrow();
    expect(expectedMessage('s', 'short', 'a'.repeat(200))).toMatch(/\.\.\.` \(string\)$/);
  });
  it('accept valid values', () => {
    expect(() => {
      assertInRange(0.5, 'p', 0, 1);
      assertInteger(3, 'n', 1, 4);
      assertOneOf('hard', 'nms', ['hard', 'soft']);
      assertObject({ a: 1 }, 'o');
    }).not.toThrow();
  });
});
