#!/usr/bin/env node
/**
 * @packageDocumentation
 * The `facepipe` command line: batch face detection, landmarks, head pose and portrait segmentation
 * over videos and images (`run`, `eval`, `quantize`, `bench`, `models`).
 */
import { runCli } from './build-program.js';
import { cliActions } from './cli-actions.js';
import { EXIT } from './shared/exit.js';
import { UsageError } from './shared/usage-error.js';

try {
  process.exitCode = await runCli(process.argv.slice(2), cliActions);
} catch (err) {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`facepipe: ${msg}\n`);
  if (err instanceof UsageError) process.stderr.write(`Run 'facepipe --help' for usage.\n`);
  process.exitCode = err instanceof UsageError ? EXIT.usage : EXIT.failed;
}
