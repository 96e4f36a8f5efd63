#!/usr/bin/env node
// The `facepipe` command. A committed launcher, so npm links the bin at install time even in a
// workspace where dist/ is built afterwards (by `prepare`); the CLI itself is dist/main.js.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(`facepipe: ${main.pathname} is missing: build it first (npm run build in the repository)\n`);
  process.exit(1);
}
await import(main.href);
