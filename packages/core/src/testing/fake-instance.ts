/**
 * A stand-in for an instance of `cls` that passes `instanceof cls` (so operators that check for
 * their model class accept it through their public options) but runs none of its constructor:
 * only `members` exist, as own read-only properties shadowing the prototype's methods and getters.
 * Test support only: a member the code under test needs but `members` lacks fails loudly there
 * (private fields are never initialised).
 *
 * ## Example
 * ```ts
 * const detector = fakeInstance(FaceDetector, { workers: 1, detect: async () => [] });
 * detectFaces({ detector }); // accepted; detect is the fake's
 * ```
 */
export function fakeInstance<T extends object>(cls: { readonly prototype: T }, members: Partial<{ [K in keyof T]: T[K] }>): T {
  // `{ prototype }` rather than a constructor type: model classes have private constructors.
  const fake = Object.create(cls.prototype) as T;
  for (const [key, value] of Object.entries(members)) Object.defineProperty(fake, key, { value, enumerable: true });
  return fake;
}
