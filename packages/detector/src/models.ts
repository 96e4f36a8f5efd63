/**
 * The light entry `@facepipe/detector/models`: registers the package's detector models (as the main
 * entry does) and exports their specs and head checks, without the detector runtime (no rxjs, no
 * inference code), for tools that only look models up.
 */
import './register.js';
export { DETECTOR_MODELS } from './models/detector-models.js';
export { ULTRAFACE_MODELS, DEFAULT_DETECTOR_MODEL, isUltrafaceHead, type UltrafaceHead } from './models/ultraface/ultraface-models.js';
export { YUNET_MODELS, isYunetHead, type YunetHead } from './models/yunet/yunet-models.js';
export { SCRFD_MODELS, type ScrfdHead } from './models/scrfd/scrfd-models.js';
