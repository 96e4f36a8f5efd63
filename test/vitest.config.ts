import { defineConfig } from 'vitest/config';
import { sharedConfig } from '../vitest.shared.js';

const base = sharedConfig({ testTimeout: 300_000 });
export default defineConfig({ ...base, test: { ...base.test, include: ['**/*.spec.ts'] } });
