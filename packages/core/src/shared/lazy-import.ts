import type Ort from 'onnxruntime-node';
import type Sharp from 'sharp';

/**
 * Native and network dependencies loaded on first use, once per thread (start-up: a video run's main
 * thread never needs sharp or onnxruntime, whose sessions run in worker threads, nor undici, which only
 * model downloads through a proxy use). Each getter caches its promise, so every caller shares one load.
 * @internal
 */
let sharpModule: Promise<typeof Sharp> | undefined;
let ortModule: Promise<typeof Ort> | undefined;
type Undici = Pick<typeof import('undici'), 'EnvHttpProxyAgent' | 'fetch'>;
let undiciModule: Promise<Undici> | undefined;

/**
 * sharp, loaded on first call. Its operation cache is turned off once loaded: facepipe hands it raw
 * buffers that are never processed twice, so the cache only holds memory (up to 50 MB by default).
 * @internal
 */
export function loadSharp(): Promise<typeof Sharp> {
  return (sharpModule ??= import('sharp').then((m) => {
    m.default.cache(false);
    return m.default;
  }));
}

/** onnxruntime-node, loaded on first call. @internal */
export function loadOrt(): Promise<typeof Ort> {
  return (ortModule ??= import('onnxruntime-node').then((m) => m.default));
}

/** undici, loaded on first call. @internal */
export function loadUndici(): Promise<Undici> {
  return (undiciModule ??= import('undici').then((m) => ({ EnvHttpProxyAgent: m.EnvHttpProxyAgent, fetch: m.fetch })));
}
