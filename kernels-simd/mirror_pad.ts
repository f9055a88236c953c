// MIRROR_PAD, SIMD set: the scalar kernel.

export { MirrorPadParams, mirrorPad, MIRROR_PAD_RANK } from "../kernels-scalar/mirror_pad";
