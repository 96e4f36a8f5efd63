import type { ModelSpec } from '@facepipe/core';
import { FSANET_MODELS } from './fsanet/fsanet-models.js';
import { PFLD_MODELS } from './pfld/pfld-models.js';
import { PFPLD_MODELS } from './pfpld/pfpld-models.js';

/** Every model the landmarks package registers (PFLD, PFPLD, FSA-Net). */
export const LANDMARKS_MODELS: readonly ModelSpec[] = [...PFLD_MODELS, ...PFPLD_MODELS, ...FSANET_MODELS];
