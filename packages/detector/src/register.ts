/**
 * Registers the detector's models ({@link DETECTOR_MODELS}) in core's `modelRegistry`. Imported by
 * the package entry (`index.ts`), so `import … from '@facepipe/detector'` is enough; the only side
 * effect of the package. Idempotent (identical specs re-register as a no-op).
 */
import { registerHeadSignature, registerModel } from '@facepipe/core';
import { scrfdSignature } from './models/scrfd/scrfd-models.js';
import { ultrafaceSignature } from './models/ultraface/ultraface-models.js';
import { yunetSignature } from './models/yunet/yunet-models.js';
import { DETECTOR_MODELS } from './models/detector-models.js';

registerModel(DETECTOR_MODELS);
registerHeadSignature('ultraface', ultrafaceSignature, '@facepipe/detector');
registerHeadSignature('yunet', yunetSignature, '@facepipe/detector');
registerHeadSignature('scrfd', scrfdSignature, '@facepipe/detector');
