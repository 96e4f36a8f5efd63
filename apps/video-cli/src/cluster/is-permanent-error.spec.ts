import { DecoderError, EncoderError, InferenceError, ModelLoadError } from '@facepipe/core';
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../commands/run/interrupted-error.js';
import { UsageError } from '../shared/usage-error.js';
import { isPermanentError } from './is-permanent-error.js';

const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('isPermanentError', () => {
  it.each([
    ['DecoderError', new DecoderError('ffprobe could not read the video', '/v/bad.mp4'), true],
    ['ModelLoadError', new ModelLoadError('no such model', 'x'), true],
    ['UsageError', new UsageError('--pose model needs a pose output'), true],
    ['TypeError (malformed job)', new TypeError('Expected `job.data` to be an object'), true],
    ['ENOSPC', enospc, false],
    ['EncoderError (disk full underneath)', new EncoderError('ffmpeg exited 1', '/o/a.mp4', 'No space left on device'), false],
    ['InferenceError (crashed model worker)', new InferenceError('Inference worker for model m exited unexpectedly (code 1)', 'm'), false],
    ['InterruptedError', new InterruptedError('SIGTERM'), false],
    ['a plain Error (Redis blip)', new Error('Connection is closed.'), false],
  ])('%s -> permanent: %s', (_, err, permanent) => {
    expect(isPermanentError(err)).toBe(permanent);
  });
});
