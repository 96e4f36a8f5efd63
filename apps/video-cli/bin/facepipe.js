#!/usr/bin/env -S node --max-semi-space-size=1
// The `facepipe` command. A committed launcher, so npm links the bin at install time even in a
// workspace where dist/ is built afterwards (by `prepare`); the CLI itself is dist/bundle/main.js
// (dist/main.js bundled by scripts/bundle.mjs, for start-up).
// --max-semi-space-size=1: V8's young generation otherwise grows to 16 MB semi-spaces in the main
// thread and every worker; at 1 MB a detect-only run peaks about 25 MB lower (175 -> 150 MB on the
// hamilton clip) at the same speed. `node dist/main.js` (no flag) behaves the same, with more memory.
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node >= 22.1 keeps compiled code between runs (start-up); Node 20 has no such cache and skips this.
module.enableCompileCache?.();

const main = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(`facepipe: ${main.pathname} is missing: build it first (npm run build in the repository)\n`);
  process.exit(1);
}
await import(main.href);
