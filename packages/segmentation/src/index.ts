/**
 * @packageDocumentation
 * Portrait segmentation (UNET-style Prisma-Net, SINet), mask post-processing and background compositing for facepipe.
 */
export {};
