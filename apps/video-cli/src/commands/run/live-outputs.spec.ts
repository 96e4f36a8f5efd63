import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../shared/usage-error.js';
import { liveStem, planLiveOutputs } from './live-outputs.js';

describe('planLiveOutputs', () => {
  it('names outputs after the stream, without credentials or query', () => {
    expect(liveStem('-')).toBe('stdin');
    expect(liveStem('tcp://127.0.0.1:5000')).toBe('tcp-127.0.0.1-5000');
    expect(liveStem('rtsp://admin:secret@cam.local:554/live/main?tcp')).toBe('rtsp-cam.local-554-live-main');
  });

  it('--out -, a .jsonl file or a folder', () => {
    expect(planLiveOutputs('-', '-', false)).toEqual({ jsonl: '-' });
    expect(planLiveOutputs('udp://127.0.0.1:9', 'res/cam.jsonl', true)).toEqual({ jsonl: path.resolve('res/cam.jsonl'), annotated: path.resolve('res/cam.annotated.mp4') });
    expect(planLiveOutputs('udp://127.0.0.1:9', 'res', false)).toEqual({ jsonl: path.resolve('res/udp-127.0.0.1-9.jsonl') });
    expect(() => planLiveOutputs('-', '-', true)).toThrow(UsageError);
  });
});
