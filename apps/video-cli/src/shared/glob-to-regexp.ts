/**
 * Compile a glob pattern to a RegExp matched against `/`-separated relative paths.
 *
 * Supported syntax: `*` (any run of characters except `/`), `?` (one character except `/`),
 * `**` as a whole path segment (zero or more directories), `[abc]` / `[a-z]` / `[!abc]` classes.
 * Everything else is literal. Matching is case-sensitive and anchored at both ends.
 *
 * ## Example
 * ```ts
 * globToRegExp('**\/*.mp4').test('a/b/clip.mp4'); // true
 * globToRegExp('clip-?.mp4').test('clip-1.mp4');  // true
 * ```
 * @throws {TypeError} when `pattern` is not a non-empty string.
 */
export function globToRegExp(pattern: string): RegExp {
  if (typeof pattern !== 'string' || pattern.length === 0) throw new TypeError(`Expected \`pattern\` to be a non-empty string, got \`${String(pattern)}\``);
  const segments = pattern.split('/');
  let re = '^';
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s]!;
    const last = s === segments.length - 1;
    if (seg === '**') {
      // zero or more whole directories (or, at the end, anything below)
      re += last ? '.*' : '(?:[^/]+/)*';
      continue;
    }
    for (let i = 0; i < seg.length; i++) {
      const c = seg[i]!;
      if (c === '*') {
        re += '[^/]*';
      } else if (c === '?') {
        re += '[^/]';
      } else if (c === '[') {
        const close = seg.indexOf(']', i + 2);
        if (close < 0) {
          re += '\\[';
          continue;
        }
        let body = seg.slice(i + 1, close);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        re += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
        i = close;
      } else {
        re += c.replace(/[.+^${}()|\\]/g, '\\$&');
      }
    }
    if (!last) re += '/';
  }
  return new RegExp(`${re}$`);
}

/**
 * True when `text` contains glob syntax (`*`, `?` or `[`).
 *
 * ## Example
 * ```ts
 * hasGlobSyntax('clips/*.mp4'); // true
 * ```
 */
export function hasGlobSyntax(text: string): boolean {
  return /[*?[]/.test(text);
}
