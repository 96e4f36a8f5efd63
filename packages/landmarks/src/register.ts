/**
 * Registers the landmarks package's models ({@link LANDMARKS_MODELS}) in core's `modelRegistry`.
 * Imported by the package entry (`index.ts`), so `import … from '@facepipe/landmarks'` is enough; the
 * only side effect of the package. Idempotent (identical specs re-register as a no-op).
 */
import { registerHeadSignature, registerModel } from '@facepipe/core';
import { headPoseSignature } from './models/fsanet/fsanet-models.js';
import { landmarkSignature } from './models/landmark-head.js';
import { LANDMARKS_MODELS } from './models/landmarks-models.js';

registerModel(LANDMARKS_MODELS);
registerHeadSignature('landmarks', landmarkSignature, '@facepipe/landmarks');
registerHeadSignature('headpose', headPoseSignature, '@facepipe/landmarks');
