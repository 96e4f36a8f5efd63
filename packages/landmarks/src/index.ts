/**
 * @packageDocumentation
 * 98-point face landmarks (PFLD/PFPLD), head pose and temporal smoothing for facepipe.
 */
export {};
