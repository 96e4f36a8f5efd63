/**
 * The light entry `@facepipe/segmentation/models`: registers the package's segmentation models (as
 * the main entry does) and exports their specs and head check, without the segmentation runtime (no
 * rxjs, no inference code), for tools that only look models up.
 */
import './register.js';
export { isSegmentationHead, type SegmentationHead } from './models/segmentation-head.js';
export { SEGMENTATION_MODELS } from './models/segmentation-models.js';
export { PRISMA_MODELS, DEFAULT_SEGMENTATION_MODEL } from './models/prisma/prisma-models.js';
export { SINET_MODELS } from './models/sinet/sinet-models.js';
export { DEEPLAB_MODELS } from './models/deeplab/deeplab-models.js';
