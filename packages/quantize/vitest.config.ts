import { defineConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// The stages' entries register their models (quantize's specs import lib files, not its entry).
export default defineConfig(sharedConfig({ setupFiles: ['@facepipe/detector', '@facepipe/landmarks', '@facepipe/segmentation'] }));
