import { describe, expect, it } from 'vitest';
import { globToRegExp, hasGlobSyntax } from './glob-to-regexp.js';

describe('globToRegExp', () => {
  const cases: [string, string, boolean][] = [
    ['*.mp4', 'clip.mp4', true],
    ['*.mp4', 'a/clip.mp4', false],
    ['*.mp4', 'clip.mp4x', false],
    ['clip-?.mp4', 'clip-1.mp4', true],
    ['clip-?.mp4', 'clip-12.mp4', false],
    ['**/*.jpg', 'x.jpg', true],
    ['**/*.jpg', 'a/b/c/x.jpg', true],
    ['a/**/x.jpg', 'a/x.jpg', true],
    ['a/**/x.jpg', 'a/b/c/x.jpg', true],
    ['a/**/x.jpg', 'b/x.jpg', false],
    ['a/**', 'a/b/c', true],
    ['[ab]*.png', 'b1.png', true],
    ['[ab]*.png', 'c1.png', false],
    ['[!ab]*.png', 'c1.png', true],
    ['[0-9].png', '7.png', true],
    ['a.b(c)+.png', 'a.b(c)+.png', true],
    ['a.b(c)+.png', 'aXb(c)+.png', false],
    ['*', '.', true],
  ];
  it.each(cases)('%s vs %s -> %s', (pattern, text, want) => {
    expect(globToRegExp(pattern).test(text)).toBe(want);
  });
  it('detects glob syntax', () => {
    expect(hasGlobSyntax('a/*.mp4')).toBe(true);
    expect(hasGlobSyntax('a/b.mp4')).toBe(false);
  });
  it('rejects an empty pattern', () => {
    expect(() => globToRegExp('')).toThrow(TypeError);
  });
});
