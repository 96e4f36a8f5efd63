import { DecoderError } from '@facepipe/core';
import { describe, expect, it } from 'vitest';
import { errorLine } from './error-line.js';

// the stderr tail ffmpeg gave for an mp4 cut at 2 % (exit 1): context first, the cause later
const TAIL = [
  '[info]       handler_name    : SoundHandler',
  '[info] Stream mapping:',
  '[info]   Stream #0:0 -> #0:0 (h264 (native) -> rawvideo (native))',
  '[warning] /v/a.mp4: corrupt input packet in stream 0',
  '[mov,mp4,m4a,3gp,3g2,mj2 @ 0xa0dddc0] [error] stream 0, offset 0x4f0e: partial file',
  '[error] /v/a.mp4: Invalid data found when processing input',
  '[mov,mp4,m4a,3gp,3g2,mj2 @ 0xa0dddc0] [error] stream 0, offset 0x4f0e: partial file',
  '[info] Conversion failed!',
].join('\n');

describe('errorLine', () => {
  it('keeps the line naming the file and the cause lines, not the first lines of context', () => {
    const err = new DecoderError('ffmpeg could not decode the video (ffmpeg exited with code 1)', '/v/a.mp4', TAIL);
    expect(errorLine(err)).toBe(
      'DecoderError: ffmpeg could not decode the video (ffmpeg exited with code 1): /v/a.mp4 | stream 0, offset 0x4f0e: partial file | /v/a.mp4: Invalid data found when processing input | /v/a.mp4: corrupt input packet in stream 0',
    );
  });

  it('limits the causes, and leaves a one-line error as it is', () => {
    const err = new DecoderError('ffmpeg could not decode the video (ffmpeg exited with code 1)', '/v/a.mp4', TAIL);
    expect(errorLine(err, 1).split(' | ')).toHaveLength(2);
    expect(errorLine(new Error('Could not write out/a.jsonl: ENOSPC: no space left on device, write'))).toBe('Error: Could not write out/a.jsonl: ENOSPC: no space left on device, write');
    expect(errorLine('plain text')).toBe('plain text');
    // sharp's message is the whole detail, on one line: it is the cause
    expect(errorLine(new DecoderError('Could not decode image', '/p/broken.png', 'Input file contains unsupported image format'))).toBe('DecoderError: Could not decode image: /p/broken.png | Input file contains unsupported image format');
    expect(errorLine(new DecoderError('Could not decode image', '/p/b.png', 'VipsJpeg: premature end of input file'))).toBe('DecoderError: Could not decode image: /p/b.png | VipsJpeg: premature end of input file');
  });
});
