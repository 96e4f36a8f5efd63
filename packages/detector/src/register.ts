/**
 * Registers the detector's models ({@link DETECTOR_MODELS}) in core's `modelRegistry`. Imported by
 * the package entry (`index.ts`), so `import … from '@facepipe/detector'` is enough; the only side
 * effect of the package. Idempotent (identical specs re-register as a no-op).
 */
import { registerModel } from '@facepipe/core';
import { DETECTOR_MODELS } from './models/detector-models.js';

registerModel(DETECTOR_MODELS);
