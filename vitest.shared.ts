import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import type { ViteUserConfig } from 'vitest/config';

/** Repository root (this file sits in it). */
export const repoRoot = path.dirname(fileURLToPath(import.meta.url));
/** `../shared` beside the repository: real models and data. Never copied into the repo. */
export const sharedRoot = process.env.FACEPIPE_SHARED ?? path.resolve(repoRoot, '../shared');

/**
 * Vitest settings every package uses: read sibling packages from source, point models at ../shared.
 * `setupFiles` run before each spec file: packages whose specs import lib files directly (not the
 * package entry) list their `src/register.ts` there, so their models are registered as for users.
 */
export function sharedConfig(extra: { testTimeout?: number; setupFiles?: string[] } = {}): ViteUserConfig {
  return {
    resolve: { conditions: ['@facepipe/source', 'import', 'module', 'node', 'default'] },
    ssr: { resolve: { conditions: ['@facepipe/source', 'import', 'module', 'node', 'default'], externalConditions: ['@facepipe/source'] } },
    test: {
      environment: 'node',
      include: ['src/**/*.spec.ts', '*.spec.ts', '**/*.e2e.spec.ts'],
      exclude: ['**/node_modules/**', '**/dist/**'],
      testTimeout: extra.testTimeout ?? 60_000,
      hookTimeout: 120_000,
      pool: 'forks',
      ...(extra.setupFiles ? { setupFiles: extra.setupFiles } : {}),
      env: {
        FACEPIPE_SHARED: sharedRoot,
        FACEPIPE_MODELS: process.env.FACEPIPE_MODELS ?? path.join(sharedRoot, 'models'),
        // the model cache (prepared models, int8 variants, file hashes) of the code under test, the CLI
        // children included: a scratch folder, never the user's own ~/.cache/facepipe
        XDG_CACHE_HOME: process.env.FACEPIPE_TEST_CACHE ?? path.join(os.tmpdir(), 'facepipe-test-cache'),
      },
    },
  };
}
