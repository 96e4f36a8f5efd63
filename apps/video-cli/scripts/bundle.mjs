#!/usr/bin/env node
// Build step after tsc: bundles dist/main.js and everything it imports from this workspace (@facepipe/*) and the
// small pure-JS dependencies (rxjs, commander, tinyglobby) into dist/bundle/ with esbuild, one file per lazily
// loaded command or stage (code splitting keeps the dynamic imports lazy). Why: start-up. Node 20 resolves,
// reads and compiles every ES module on its own (no compile cache); the unbundled `run` path loaded about 200
// of them, which took about 100 ms of the 360 ms to a detect-only run's first frame.
// Native and heavy packages stay external, resolved at run time from this package's own dependencies
// (onnxruntime-node, sharp, fluent-ffmpeg, the ffmpeg provider, undici, onnx-proto, bullmq, ioredis, uplot,
// playwright-core). The inference worker (plain CommonJS, loaded by URL next to its importer) is copied beside
// the chunks.
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(app, 'dist/bundle');
const inline = /^(@facepipe\/|rxjs(\/|$)|commander(\/|$)|tinyglobby(\/|$)|fdir(\/|$)|picomatch(\/|$))/;

fs.rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [path.join(app, 'dist/main.js')],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // resolve workspace packages to their built dist (their exports' "@facepipe/source" condition points at src)
  conditions: ['import', 'node', 'default'],
  // CommonJS dependencies (commander) call require() for Node built-ins
  banner: { js: "import { createRequire as __facepipeRequire } from 'node:module';\nconst require = __facepipeRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [
    {
      name: 'externals',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('node:') || !inline.test(args.path) ? { path: args.path, external: true } : undefined));
      },
    },
  ],
});
const core = path.dirname(createRequire(path.join(app, 'package.json')).resolve('@facepipe/core/package.json'));
fs.copyFileSync(path.join(core, 'dist/runtime/inference-worker.cjs'), path.join(out, 'inference-worker.cjs'));
