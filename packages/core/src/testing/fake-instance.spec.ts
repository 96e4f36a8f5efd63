import { describe, expect, it } from 'vitest';
import { fakeInstance } from './fake-instance.js';

class Model {
  readonly #secret = 1;
  get size(): number {
    return this.#secret;
  }
  run(): string {
    return `real ${this.#secret}`;
  }
}

describe('fakeInstance', () => {
  it('passes instanceof, shadows methods and getters, and never runs the real members', () => {
    const fake = fakeInstance(Model, { size: 7, run: () => 'fake' });
    expect(fake).toBeInstanceOf(Model);
    expect([fake.size, fake.run()]).toEqual([7, 'fake']);
    expect(() => fakeInstance(Model, {}).run()).toThrow(TypeError); // private field never initialised
  });
});
