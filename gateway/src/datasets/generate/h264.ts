import { BitWriter, nalUnit } from './bits.js';

/**
 * A minimal, valid H.264 encoder: every macroblock is coded I_PCM (raw
 * samples, §7.3.5), so no transform, prediction or entropy coding is
 * needed; every frame is an IDR picture. Constrained Baseline profile,
 * level 2.0, 4:2:0, 8 bits, CAVLC. The result decodes in any conforming
 * decoder to exactly the samples given; it is large (≈ 1.5 bytes per pixel),
 * which is fine for the dataset's tiny clips.
 */
export interface YuvFrame {
  /** width × height luma samples, then two (width/2 × height/2) chroma planes. */
  readonly y: Uint8Array;
  readonly u: Uint8Array;
  readonly v: Uint8Array;
}

export interface H264Stream {
  readonly profile: number;
  readonly compatibility: number;
  readonly level: number;
  /** NAL units without start codes. */
  readonly sps: Uint8Array;
  readonly pps: Uint8Array;
  /** One coded slice NAL unit per frame. */
  readonly frames: Uint8Array[];
}

const PROFILE_BASELINE = 66;
/** constraint_set0_flag and constraint_set1_flag: Constrained Baseline. */
const COMPATIBILITY = 0xc0;
const LEVEL = 20;
/** mb_type 25 in an I slice: I_PCM (Table 7-11). */
const MB_TYPE_I_PCM = 25;

function sps(width: number, height: number): Uint8Array {
  const w = new BitWriter()
    .u(8, PROFILE_BASELINE)
    .u(8, COMPATIBILITY)
    .u(8, LEVEL)
    .ue(0) // seq_parameter_set_id
    .ue(0) // log2_max_frame_num_minus4
    .ue(2) // pic_order_cnt_type 2: output order = decoding order
    .ue(1) // max_num_ref_frames
    .u(1, 0) // gaps_in_frame_num_value_allowed_flag
    .ue(width / 16 - 1)
    .ue(height / 16 - 1)
    .u(1, 1) // frame_mbs_only_flag
    .u(1, 1) // direct_8x8_inference_flag
    .u(1, 0) // frame_cropping_flag
    .u(1, 0) // vui_parameters_present_flag
    .trailing();
  return nalUnit(3, 7, w.toBytes());
}

function pps(): Uint8Array {
  const w = new BitWriter()
    .ue(0) // pic_parameter_set_id
    .ue(0) // seq_parameter_set_id
    .u(1, 0) // entropy_coding_mode_flag: CAVLC
    .u(1, 0) // bottom_field_pic_order_in_frame_present_flag
    .ue(0) // num_slice_groups_minus1
    .ue(0) // num_ref_idx_l0_default_active_minus1
    .ue(0) // num_ref_idx_l1_default_active_minus1
    .u(1, 0) // weighted_pred_flag
    .u(2, 0) // weighted_bipred_idc
    .se(0) // pic_init_qp_minus26
    .se(0) // pic_init_qs_minus26
    .se(0) // chroma_qp_index_offset
    .u(1, 0) // deblocking_filter_control_present_flag (I_PCM: QP 0, no filtering)
    .u(1, 0) // constrained_intra_pred_flag
    .u(1, 0) // redundant_pic_cnt_present_flag
    .trailing();
  return nalUnit(3, 8, w.toBytes());
}

/** The 384 samples of one macroblock: 16×16 luma, 8×8 Cb, 8×8 Cr, each in raster order. */
function macroblock(frame: YuvFrame, width: number, mbx: number, mby: number): Uint8Array {
  const out = new Uint8Array(384);
  let k = 0;
  for (let y = 0; y < 16; y++) {
    const row = (mby * 16 + y) * width + mbx * 16;
    for (let x = 0; x < 16; x++) out[k++] = frame.y[row + x] ?? 128;
  }
  for (const plane of [frame.u, frame.v]) {
    for (let y = 0; y < 8; y++) {
      const row = (mby * 8 + y) * (width / 2) + mbx * 8;
      for (let x = 0; x < 8; x++) out[k++] = plane[row + x] ?? 128;
    }
  }
  // Early editions of H.264 forbid the sample value 0 in I_PCM.
  for (let i = 0; i < out.length; i++) if (out[i] === 0) out[i] = 1;
  return out;
}

function idrSlice(frame: YuvFrame, width: number, height: number, idrPicId: number): Uint8Array {
  const w = new BitWriter()
    .ue(0) // first_mb_in_slice
    .ue(7) // slice_type: I (all slices of the picture)
    .ue(0) // pic_parameter_set_id
    .u(4, 0) // frame_num (IDR)
    .ue(idrPicId)
    .u(1, 0) // no_output_of_prior_pics_flag
    .u(1, 0) // long_term_reference_flag
    .se(0); // slice_qp_delta
  for (let mby = 0; mby < height / 16; mby++) {
    for (let mbx = 0; mbx < width / 16; mbx++) {
      w.ue(MB_TYPE_I_PCM)
        .alignZero()
        .raw(macroblock(frame, width, mbx, mby));
    }
  }
  return nalUnit(3, 5, w.trailing().toBytes());
}

/** Encodes frames of `width` × `height` (multiples of 16). */
export function encodeH264(width: number, height: number, frames: readonly YuvFrame[]): H264Stream {
  if (width % 16 !== 0 || height % 16 !== 0 || width < 16 || height < 16) {
    throw new RangeError(`frame size must be multiples of 16, got ${width}x${height}`);
  }
  return {
    profile: PROFILE_BASELINE,
    compatibility: COMPATIBILITY,
    level: LEVEL,
    sps: sps(width, height),
    pps: pps(),
    // consecutive IDR pictures must differ in idr_pic_id (§7.4.3)
    frames: frames.map((f, i) => idrSlice(f, width, height, i % 2)),
  };
}
