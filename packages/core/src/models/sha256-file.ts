import { createHash } from 'node:crypto';
import fs from 'node:fs';

/**
 * Lower-case hex sha256 of a file, streamed (constant memory).
 *
 * ## Example
 * ```ts
 * await sha256File('models/ultraface/version-RFB-320.onnx');
 * // '34cd7e60aeff28744c657de7a3dc64e872d506741de66987f3426f2b79f88017'
 * ```
 * @throws {Error} the file system error when the file cannot be read (ENOENT, EACCES...).
 */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    stream.on('data', (chunk) => hash.update(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(hash.digest('hex')));
  });
}
