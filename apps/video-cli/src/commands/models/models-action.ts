import { fetchModel, modelRegistry, resolveModel, verifyModel, type ModelSpec, type ModelVerification } from '@facepipe/core';
import { EXIT } from '../../shared/exit.js';
import type { ModelsOptions } from './models-options.js';
import { UsageError } from '../../shared/usage-error.js';
import '../../stages/register-stages.js';

function pick(ids: readonly string[]): ModelSpec[] {
  if (ids.length === 0) return modelRegistry.list();
  return ids.map((id) => {
    const spec = modelRegistry.get(id);
    if (!spec) throw new UsageError(`unknown model id '${id}' (known: ${modelRegistry.list().map((s) => s.id).join(', ')})`);
    return spec;
  });
}

/**
 * The text output of one `models verify` result: status, id, the file checked (when one was found)
 * and the whole reason, its later lines (e.g. every folder looked in) indented below.
 */
function verifyLine(r: ModelVerification): string {
  const [first = '', ...more] = r.reason.split('\n');
  return `${r.ok ? 'ok     ' : 'FAILED '} ${r.id}  ${r.path ? `${r.path}  ` : ''}${first}\n${more.map((l) => `        ${l.trimStart()}\n`).join('')}`;
}

/**
 * `facepipe models list|verify|fetch [ids...]`.
 * - `list`: every known model, with task, licence, and where a local copy was found (no hashing,
 *   no download).
 * - `verify`: sha256 of each local copy against the registry; exit 1 when one is missing or corrupt.
 * - `fetch`: download missing models into the cache (verified); models without a verified hash on
 *   record are reported, never downloaded.
 *
 * ## Example
 * ```ts
 * await modelsAction({ action: 'verify', ids: ['ultraface-rfb-320'], json: true });
 * ```
 * @throws {UsageError} for an unknown id.
 */
export async function modelsAction(options: ModelsOptions, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const specs = pick(options.ids);
  if (options.action === 'list') {
    const rows: { id: string; task: string; file: string; license: string; present: string | null; description: string }[] = [];
    for (const s of specs) {
      let present: string | null = null;
      try {
        present = (await resolveModel(s.id, { download: false })).path;
      } catch {
        present = null;
      }
      rows.push({ id: s.id, task: s.task, file: s.file, license: s.license, present, description: s.description });
    }
    if (options.json) out(`${JSON.stringify(rows, null, 2)}\n`);
    else {
      const w = Math.max(...rows.map((r) => r.id.length));
      const t = Math.max(...rows.map((r) => r.task.length));
      const l = Math.max('licence'.length, ...rows.map((r) => r.license.length));
      out(`  ${'id'.padEnd(w)}  ${'task'.padEnd(t)}  ${'licence'.padEnd(l)}  description\n`);
      for (const r of rows) out(`${r.present ? '*' : ' '} ${r.id.padEnd(w)}  ${r.task.padEnd(t)}  ${r.license.padEnd(l)}  ${r.description}\n`);
      out(`\n* = present locally (FACEPIPE_MODELS folders or cache). 'facepipe models fetch' downloads the others.\n`);
    }
    return EXIT.ok;
  }
  if (options.action === 'verify') {
    const results = [];
    for (const s of specs) results.push(await verifyModel(s.id));
    if (options.json) out(`${JSON.stringify(results, null, 2)}\n`);
    else for (const r of results) out(verifyLine(r));
    return results.every((r) => r.ok) ? EXIT.ok : EXIT.failed;
  }
  const results: { id: string; ok: boolean; path?: string; from?: string; error?: string }[] = [];
  for (const s of specs) {
    try {
      const r = await fetchModel(s.id);
      results.push({ id: s.id, ok: true, path: r.path, from: r.from });
      if (!options.json) out(`ok      ${s.id}  ${r.path}  (${r.from})\n`);
    } catch (err) {
      const msg = (err as Error).message;
      results.push({ id: s.id, ok: false, error: msg });
      if (!options.json) out(`FAILED  ${s.id}  ${msg.split('\n')[0]}\n`);
    }
  }
  if (options.json) out(`${JSON.stringify(results, null, 2)}\n`);
  return results.every((r) => r.ok) ? EXIT.ok : EXIT.failed;
}
