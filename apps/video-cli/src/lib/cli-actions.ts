import type { CliActions } from './cli-options.js';

/**
 * The real command implementations, loaded on first use so `--help` and argument errors stay fast
 * (no onnxruntime or sharp load).
 */
export const cliActions: CliActions = {
  async run(inputs, options) {
    const { runCommand } = await import('./run-command.js');
    return runCommand(inputs, options);
  },
  async eval(options) {
    const { evalCommand } = await import('./eval-command.js');
    return evalCommand(options);
  },
  async quantize(options) {
    const { quantizeCommand } = await import('./quantize-command.js');
    return quantizeCommand(options);
  },
  async bench(options) {
    const { benchCommand } = await import('./bench-command.js');
    return benchCommand(options);
  },
  async models(options) {
    const { modelsCommand } = await import('./models-command.js');
    return modelsCommand(options);
  },
};
