/**
 * A 14-point 3D mean face used by {@link solvePnpPose}.
 *
 * Source: the anthropometric 3D head model of the ISR, University of Coimbra
 * (`glAnthropometric3DModel.cpp`, aifi.isr.uc.pt), in the 14-point selection popularised by
 * lincolnhard/head-pose-estimation (`object_pts`). The published coordinates use x towards
 * image-left, y up, z towards the camera (arbitrary units, ~1 unit ≈ 1 cm); they are converted here to
 * the camera-style frame facepipe solves in: **x towards image-right, y down, z away from the camera**
 * (each axis negated), so that the identity rotation is a face looking straight into the camera.
 */
export const MEAN_FACE_3D: Readonly<{ ibug68: readonly number[]; points: readonly number[] }> = Object.freeze({
  /** iBUG-68 index of each template point. */
  ibug68: Object.freeze([17, 21, 22, 26, 36, 39, 42, 45, 31, 35, 48, 54, 57, 8]),
  /** x, y, z per point (camera-style frame, see above). */
  points: Object.freeze(
    [
      [6.825897, 6.760612, 4.402142], // 17 brow, image-left outer end
      [1.330353, 7.122144, 6.903745], // 21 brow, image-left inner end
      [-1.330353, 7.122144, 6.903745], // 22 brow, image-right inner end
      [-6.825897, 6.760612, 4.402142], // 26 brow, image-right outer end
      [5.311432, 5.485328, 3.987654], // 36 image-left eye, outer corner
      [1.78993, 5.393625, 4.413414], // 39 image-left eye, inner corner
      [-1.78993, 5.393625, 4.413414], // 42 image-right eye, inner corner
      [-5.311432, 5.485328, 3.987654], // 45 image-right eye, outer corner
      [2.005628, 1.409845, 6.165652], // 31 nostril, image-left
      [-2.005628, 1.409845, 6.165652], // 35 nostril, image-right
      [2.774015, -2.080775, 5.048531], // 48 mouth corner, image-left
      [-2.774015, -2.080775, 5.048531], // 54 mouth corner, image-right
      [0, -3.116408, 6.097667], // 57 lower lip, centre
      [0, -7.415691, 4.070434], // 8 chin
    ].flatMap(([x, y, z]) => [-x!, -y!, -z!]),
  ),
});
