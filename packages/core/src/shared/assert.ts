/**
 * Boundary validation helpers. Messages follow one form:
 * ``Expected `name` to be <what>, got `<value>` (<type>)``. Wrong types throw `TypeError`,
 * out-of-range values `RangeError`.
 */

function show(value: unknown): string {
  let s: string;
  try {
    s =
      typeof value === 'string' ? value
      : typeof value === 'bigint' ? `${value}n`
      : typeof value === 'number' ? String(value) // NaN and Infinity, which JSON would print as null
      : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  if (s.length > 80) s = `${s.slice(0, 77)}...`;
  const t = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return `\`${s}\` (${t})`;
}

/** Message for a failed check; exported so packages word their own checks the same way. */
export function expectedMessage(name: string, what: string, value: unknown): string {
  return `Expected \`${name}\` to be ${what}, got ${show(value)}`;
}

/** Throw unless `value` is a finite number. */
export function assertNumber(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new (typeof value === 'number' ? RangeError : TypeError)(expectedMessage(name, 'a finite number', value));
  }
}

/** Throw unless `value` is a finite number in `[min, max]`. */
export function assertInRange(value: unknown, name: string, min: number, max: number): asserts value is number {
  assertNumber(value, name);
  if (value < min || value > max) throw new RangeError(expectedMessage(name, `a number in [${min}, ${max}]`, value));
}

/** Throw unless `value` is an integer in `[min, max]`. */
export function assertInteger(value: unknown, name: string, min = -Infinity, max = Infinity): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new (typeof value === 'number' ? RangeError : TypeError)(expectedMessage(name, 'an integer', value));
  }
  if (value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : min === -Infinity ? `<= ${max}` : `in [${min}, ${max}]`;
    throw new RangeError(expectedMessage(name, `an integer ${range}`, value));
  }
}

/** Throw unless `value` is one of `allowed`. */
export function assertOneOf<T extends string | number>(value: unknown, name: string, allowed: readonly T[]): asserts value is T {
  if (!allowed.includes(value as T)) {
    throw new (typeof value === typeof allowed[0] ? RangeError : TypeError)(expectedMessage(name, `one of ${allowed.map((a) => `\`${a}\``).join(', ')}`, value));
  }
}

/** Throw unless `value` is a non-empty string. */
export function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(expectedMessage(name, 'a non-empty string', value));
}

/** Throw unless `value` is an array of non-empty strings (e.g. `modelDirs`). */
export function assertStringArray(value: unknown, name: string): asserts value is readonly string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length > 0)) throw new TypeError(expectedMessage(name, 'an array of non-empty strings', value));
}

/** Throw unless `value` is a non-null, non-array object (or undefined when `optional`). Keeps the caller's static type. */
export function assertObject<T>(value: T, name: string, optional = false): asserts value is T & object {
  if (optional && value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(expectedMessage(name, 'an object', value));
}

/** Throw unless `buf` is a typed array of exactly `length` elements (for `out` buffers). */
export function assertBufferLength(buf: ArrayLike<number>, name: string, length: number): void {
  if (buf.length !== length) throw new RangeError(`Expected \`${name}\` to have ${length} elements, got ${buf.length}`);
}
