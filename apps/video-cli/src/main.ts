#!/usr/bin/env node
/**
 * @packageDocumentation
 * The `facepipe` command line: batch face detection, landmarks, head pose and portrait segmentation
 * over videos and images (`run`, `eval`, `quantize`, `bench`, `models`).
 */
import { discardPrewarmedWorkers, prewarmInferenceWorkers } from '@facepipe/core/prewarm';
import { earlyPrewarmCount } from './shared/early-prewarm-count.js';

// start-up: a `run`'s inference workers start loading onnxruntime before the rest of the CLI is even
// compiled (the modules below are imported dynamically for that reason); the run tops them up once parsed
const early = earlyPrewarmCount(process.argv.slice(2));
if (early > 0) prewarmInferenceWorkers(early);
const [{ runCli }, { cliActions }, { EXIT }, { UsageError }] = await Promise.all([import('./build-program.js'), import('./cli-actions.js'), import('./shared/exit.js'), import('./shared/usage-error.js')]);

// A reader that stops early (`facepipe models list | head`) closes our stdout: that ends the
// output, it is not a failure (and must not throw an unhandled EPIPE).
// Commands that handle it themselves (`run --live --out -` stops its stream cleanly) add their own listener.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (process.stdout.listenerCount('error') > 1) return;
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  throw err;
});

try {
  process.exitCode = await runCli(process.argv.slice(2), cliActions);
} catch (err) {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`facepipe: ${msg}\n`);
  if (err instanceof UsageError) process.stderr.write(`Run 'facepipe --help' for usage.\n`);
  process.exitCode = err instanceof UsageError ? EXIT.usage : EXIT.failed;
} finally {
  // a command that ends before its models open (a usage error, say) must not end the process while a
  // prewarmed worker is still loading onnxruntime: that aborts it (Napi::Error, signal instead of exit code)
  await discardPrewarmedWorkers();
}
