import { InvalidArgumentError } from 'commander';

import { STAGES, type Stage } from './defaults.js';

export { STAGES, type Stage };

/**
 * Commander parser for an integer >= `min`.
 *
 * ## Example
 * ```ts
 * program.option('--every <n>', 'every Nth frame', intArg(1));
 * ```
 * @throws {InvalidArgumentError} (shown by commander as a one-line error).
 */
export function intArg(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^[-+]?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`}.`);
    }
    return n;
  };
}

/**
 * Commander parser for a finite number in `(min, max]` (`exclusiveMin`) or `[min, max]`.
 *
 * ## Example
 * ```ts
 * program.option('--iou <t>', 'IoU', numberArg(0, 1, true), 0.4);
 * ```
 * @throws {InvalidArgumentError} (shown by commander as a one-line error).
 */
export function numberArg(min: number, max = Infinity, exclusiveMin = false): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || (exclusiveMin ? n <= min : n < min) || n > max) {
      const lo = exclusiveMin ? `> ${min}` : `>= ${min}`;
      throw new InvalidArgumentError(`expected a number ${max === Infinity ? lo : `${lo} and <= ${max}`}.`);
    }
    return n;
  };
}

/**
 * Commander parser for `--stages a,b,c`: known names, no duplicates, returned in pipeline order.
 * `landmarks` and `pose` need `detect`; it is added when missing.
 *
 * ## Example
 * ```ts
 * stagesArg('segment,pose'); // ['detect', 'pose', 'segment']
 * ```
 * @throws {InvalidArgumentError} for an unknown or empty list.
 */
export function stagesArg(value: string): Stage[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError(`expected a comma-separated list of ${STAGES.join(', ')}.`);
  for (const n of names) {
    if (!(STAGES as readonly string[]).includes(n)) throw new InvalidArgumentError(`unknown stage '${n}' (choose from ${STAGES.join(', ')}).`);
  }
  const set = new Set(names as Stage[]);
  if ((set.has('landmarks') || set.has('pose')) && !set.has('detect')) set.add('detect');
  return STAGES.filter((s) => set.has(s));
}

/**
 * Commander parser accepting one of `choices`.
 *
 * ## Example
 * ```ts
 * choiceArg(['list', 'verify'] as const)('list'); // 'list'
 * ```
 * @throws {InvalidArgumentError} for any other value.
 */
export function choiceArg<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}.`);
    return value as T;
  };
}
