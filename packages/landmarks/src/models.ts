/**
 * The light entry `@facepipe/landmarks/models`: registers the package's models (PFLD, PFPLD, FSA-Net)
 * as the main entry does and exports their specs and head checks, without the landmark and pose
 * runtime (no rxjs, no inference code), for tools that only look models up.
 */
import './register.js';
export { LANDMARKS_MODELS } from './models/landmarks-models.js';
export { isLandmarkHead, type LandmarkHead } from './models/landmark-head.js';
export { PFLD_MODELS, DEFAULT_LANDMARK_MODEL } from './models/pfld/pfld-models.js';
export { PFPLD_MODELS } from './models/pfpld/pfpld-models.js';
export { FSANET_MODELS, DEFAULT_POSE_MODELS, isHeadPoseHead, type HeadPoseHead } from './models/fsanet/fsanet-models.js';
