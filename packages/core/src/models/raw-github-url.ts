import type { ModelSpec } from './model-spec.js';

/**
 * The raw-file URL of a model's pinned source (`repo` at `commit`, file `path`), for a spec's `url`.
 *
 * ## Example
 * ```ts
 * rawGithubUrl({ repo: 'ShiqiYu/libfacedetection.train', commit: '0047ac2…', path: 'onnx/yunet_s_320_320.onnx' });
 * // 'https://raw.githubusercontent.com/ShiqiYu/libfacedetection.train/0047ac2…/onnx/yunet_s_320_320.onnx'
 * ```
 */
export function rawGithubUrl(source: ModelSpec['source']): string {
  return `https://raw.githubusercontent.com/${source.repo}/${source.commit}/${source.path}`;
}
