/**
 * Registers the segmentation package's models ({@link SEGMENTATION_MODELS}) in core's `modelRegistry`.
 * Imported by the package entry (`index.ts`), so `import … from '@facepipe/segmentation'` is enough;
 * the only side effect of the package. Idempotent (identical specs re-register as a no-op).
 */
import { registerHeadSignature, registerModel } from '@facepipe/core';
import { segmentationSignature } from './models/segmentation-head.js';
import { SEGMENTATION_MODELS } from './models/segmentation-models.js';

registerModel(SEGMENTATION_MODELS);
registerHeadSignature('segmentation', segmentationSignature, '@facepipe/segmentation');
