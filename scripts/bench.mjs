#!/usr/bin/env node
// Runs every benchmark script (packages/*/bench/*.bench.mjs, apps/*/bench/*.bench.mjs) one after another on a quiet
// machine, each in its own process, and prints ONE JSON object: { "<package>/<name>": <that script's JSON>, ... }.
// Usage: npm run bench [-- <filter substring>]   (BENCH_QUICK=1 for a short smoke run)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2] ?? '';
const env = {
  ...process.env,
  FACEPIPE_SHARED: process.env.FACEPIPE_SHARED ?? path.resolve(root, '../shared'),
  FACEPIPE_MODELS: process.env.FACEPIPE_MODELS ?? path.resolve(root, '../shared/models'),
};
const scripts = [];
for (const group of ['packages', 'apps']) {
  for (const pkg of fs.readdirSync(path.join(root, group))) {
    const dir = path.join(root, group, pkg, 'bench');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.bench.mjs')) scripts.push({ key: `${pkg}/${f.replace('.bench.mjs', '')}`, file: path.join(dir, f), cwd: path.join(root, group, pkg) });
  }
}
const results = {
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, date: new Date().toISOString(), quick: process.env.BENCH_QUICK === '1' },
};
for (const s of scripts) {
  if (filter && !s.key.includes(filter)) continue;
  process.stderr.write(`bench: ${s.key}\n`);
  const r = spawnSync(process.execPath, [s.file], { cwd: s.cwd, env, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  const out = r.stdout.trim();
  try {
    results[s.key] = JSON.parse(out.slice(out.indexOf('{')));
  } catch {
    results[s.key] = { error: `exit ${r.status}`, stdout: out.slice(-500) };
  }
}
const json = JSON.stringify(results, null, 2);
fs.mkdirSync(path.join(root, 'bench-out'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench-out', 'bench.json'), json + '\n');
process.stdout.write(json + '\n');
