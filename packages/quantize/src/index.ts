/**
 * @packageDocumentation
 * Int8 post-training quantization of ONNX models with accuracy and speed reports, in TypeScript.
 */
export {};
