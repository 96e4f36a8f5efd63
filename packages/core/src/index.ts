/**
 * @packageDocumentation
 * Shared Tensor/Frame types, fused preprocessing, ONNX runtime on worker threads, model registry and ffmpeg frame I/O for facepipe.
 */
export {};
