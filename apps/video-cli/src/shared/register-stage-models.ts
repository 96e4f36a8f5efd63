/**
 * Registers every stage package's models in core's `modelRegistry` (each package registers its own
 * on import). For the commands that look models up by id without running their stages (`models`,
 * `quantize`); `run` imports only the packages of the stages it runs (see `createStagePipeline`).
 */
import '@facepipe/detector';
import '@facepipe/landmarks';
import '@facepipe/segmentation';
