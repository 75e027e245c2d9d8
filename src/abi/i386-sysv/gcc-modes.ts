// GCC's machine modes of i386 argument types: the reading of the `regparm` and `fastcall`
// attributes this module takes as their text, since the GCC manual only says "arguments [...] of
// integral type" and GCC decides by mode (config/i386/i386.cc function_arg_32 and
// function_arg_advance_32): QImode..DImode and BLKmode arguments are the "integral" ones and go
// in (or use up) eax/edx/ecx; float, complex and vector modes never do. Facts transcribed from
// GCC (stor-layout.cc compute_record_mode, mode_for_array, vector_type_mode; i386.cc
// type_natural_mode, ix86_vector_mode_supported_p) and checked against i686-linux-gnu-gcc 12 with
// and without -mmmx/-msse/-msse2/-mavx/-mavx512f. Pure.
import { scalarInfo, type DataModel } from '../../model/data-model.js';
import { layoutOf } from '../../model/layout.js';
import type { Aggregate, CType, ScalarName } from '../../model/types.js';

/** The scalar modes GCC gives vector elements (and scalars). */
export type ElemMode = 'QI' | 'HI' | 'SI' | 'DI' | 'HF' | 'SF' | 'DF';

export type Mode =
  /** QImode, HImode, SImode, DImode (bytes 1, 2, 4, 8); TImode (16) for integer vectors without their vector mode. */
  | { kind: 'int'; bytes: number }
  /** BLKmode: no register mode fits. */
  | { kind: 'blk' }
  /** HFmode, SFmode, DFmode, XFmode. */
  | { kind: 'float'; bytes: number }
  /** SCmode, DCmode, XCmode. */
  | { kind: 'complex'; bytes: number }
  /** V<lanes><elem>mode. */
  | { kind: 'vector'; bytes: number; lanes: number; elem: ElemMode };

/** ISA features as opts.features spells them: each SSE level implies the lower ones; MMX stands alone (-msse -mno-mmx exists). */
export interface Isa {
  mmx: boolean;
  sse: boolean;
  sse2: boolean;
  avx: boolean;
  avx512f: boolean;
}

export function isaOf(features: ReadonlySet<string>): Isa {
  const avx512f = features.has('avx512f');
  const avx = avx512f || features.has('avx');
  const sse2 = avx || features.has('sse2');
  const sse = sse2 || features.has('sse');
  return { mmx: features.has('mmx'), sse, sse2, avx, avx512f };
}

export function elemMode(name: ScalarName): ElemMode {
  switch (name) {
    case 'char': case 'signed char': case 'unsigned char': case '_Bool': return 'QI';
    case 'short': case 'unsigned short': return 'HI';
    case 'int': case 'unsigned int': case 'long': case 'unsigned long': return 'SI';
    case 'long long': case 'unsigned long long': return 'DI';
    case '_Float16': return 'HF';
    case 'float': case '_Float32': return 'SF';
    case 'double': case '_Float64': case '_Float32x': return 'DF';
    default: throw new Error(`internal: ${name} has no i386 element mode`);
  }
}

const isFloatElem = (e: ElemMode): boolean => e === 'HF' || e === 'SF' || e === 'DF';

/**
 * Whether V<lanes><elem>mode exists and ix86_vector_mode_supported_p holds for it with `isa` on a
 * 32-bit target: MMX V8QI V4HI V2SI V1DI (V2SF needs 3DNow!); SSE V4SF V4SI; SSE2 the other 16-byte
 * modes and the 4-byte V4QI V2HI V1SI, and the _Float16 ones; AVX the 32-byte, AVX512F the 64-byte.
 * Measured: regparm(3) f(struct {V v;} s, int x) takes x in eax exactly when V has a supported
 * vector mode (the struct then has that mode, which uses no integer register).
 */
export function vectorModeSupported(bytes: number, lanes: number, elem: ElemMode, isa: Isa): boolean {
  const name = `V${lanes}${elem}`;
  if (bytes === 4) return isa.sse2 && ['V4QI', 'V2HI', 'V1SI', 'V2HF'].includes(name);
  if (bytes === 8) return (isa.mmx && ['V8QI', 'V4HI', 'V2SI', 'V1DI'].includes(name)) || (isa.sse2 && name === 'V4HF');
  if (bytes === 16) return (isa.sse && (name === 'V4SF' || name === 'V4SI')) || (isa.sse2 && lanes > 1);
  if (bytes === 32) return isa.avx && lanes > 1;
  if (bytes === 64) return isa.avx512f && lanes > 1;
  return false;
}

/**
 * TYPE_MODE of a vector type (stor-layout.cc vector_type_mode): its vector mode when supported,
 * else an integer mode of the same size for integer elements where one has registers (up to
 * DImode; TImode with SSE, which holds it in xmm registers), else BLKmode.
 */
function vectorTypeMode(t: Extract<CType, { kind: 'vector' }>, dm: DataModel, isa: Isa): Mode {
  const elem = elemMode(t.elem);
  const lanes = t.bytes / scalarInfo(dm, t.elem).size;
  if (vectorModeSupported(t.bytes, lanes, elem, isa)) return { kind: 'vector', bytes: t.bytes, lanes, elem };
  if (isFloatElem(elem)) return { kind: 'blk' };
  if (t.bytes <= 8 || (t.bytes === 16 && isa.sse)) return { kind: 'int', bytes: t.bytes };
  return { kind: 'blk' };
}

/**
 * The mode i386.cc passes a vector argument or return value in (type_natural_mode): for vectors
 * of 8, 16, 32 or 64 bytes with more than one lane, the vector mode whether or not the ISA has it
 * (so an 8-byte vector without MMX still is an MMX-class argument, which then has no register
 * left), except that 32- and 64-byte vectors without AVX / AVX512F keep their TYPE_MODE
 * ("AVX vector argument without AVX enabled changes the ABI"). Others: TYPE_MODE.
 */
export function naturalMode(t: CType, dm: DataModel, isa: Isa): Mode {
  if (t.kind !== 'vector') return typeMode(t, dm, isa);
  const lanes = t.bytes / scalarInfo(dm, t.elem).size;
  const natural = [8, 16, 32, 64].includes(t.bytes) && lanes > 1;
  if (!natural) return vectorTypeMode(t, dm, isa);
  if ((t.bytes === 32 && !isa.avx) || (t.bytes === 64 && !isa.avx512f)) return vectorTypeMode(t, dm, isa);
  return { kind: 'vector', bytes: t.bytes, lanes, elem: elemMode(t.elem) };
}

export function typeMode(t: CType, dm: DataModel, isa: Isa): Mode {
  switch (t.kind) {
    case 'scalar': {
      const s = scalarInfo(dm, t.name);
      if (s.float === 'x87') return { kind: 'float', bytes: s.size }; // long double, _Float64x: XFmode
      if (s.float === 'binary128') return { kind: 'float', bytes: 16 }; // __float128, _Float128: TFmode
      const e = elemMode(t.name);
      return isFloatElem(e) ? { kind: 'float', bytes: s.size } : { kind: 'int', bytes: s.size };
    }
    case 'enum':
    case 'pointer':
    case 'fnptr':
      return { kind: 'int', bytes: 4 };
    case 'complex':
      return { kind: 'complex', bytes: 2 * scalarInfo(dm, t.base).size };
    case 'vector':
      return vectorTypeMode(t, dm, isa);
    case 'array':
      return arrayMode(t, dm, isa);
    case 'struct':
    case 'union':
      return recordMode(t, dm, isa);
    case 'bitint':
      throw new Error('internal: _BitInt reached the i386 module (untranscribed() answers for it)');
    case 'atomic': // planCall admits none (untranscribed '_Atomic')
      throw new Error('internal: _Atomic reached the model');
  }
}

/** An integer mode of exactly `bytes` up to MAX_FIXED_MODE_SIZE (64 bits on i386), else BLKmode. */
function intModeForSize(bytes: number): Mode {
  return [1, 2, 4, 8].includes(bytes) ? { kind: 'int', bytes } : { kind: 'blk' };
}

/** stor-layout.cc mode_for_array: a one-element array has its element's mode; others an integer mode of their size. */
function arrayMode(t: Extract<CType, { kind: 'array' }>, dm: DataModel, isa: Isa): Mode {
  const elem = layoutOf(t.elem, dm).size;
  if (t.count === 1) return typeMode(t.elem, dm, isa);
  if (elem === 0 || t.count === 0) return { kind: 'blk' };
  return typeMode(t.elem, dm, isa).kind === 'blk' ? { kind: 'blk' } : intModeForSize(elem * t.count);
}

const modeBits = (m: Mode): number => (m.kind === 'blk' ? 0 : m.bytes * 8);

/**
 * stor-layout.cc compute_record_mode: BLKmode if a member of nonzero size is BLKmode; a struct
 * whose one member spans all of it takes that member's mode (struct {float} is SFmode, struct
 * {v4si} V4SImode); a union does so only for an integer-mode member; otherwise the integer mode of
 * the aggregate's size, if there is one (1, 2, 4, 8 bytes).
 */
function recordMode(t: Aggregate, dm: DataModel, isa: Isa): Mode {
  const l = layoutOf(t, dm);
  const bits = l.size * 8;
  let whole: Mode | null = null;
  for (const f of l.fields) {
    const fm = f.field.bits !== undefined ? intModeForSize(layoutOf(f.field.type, dm).size) : typeMode(f.field.type, dm, isa);
    const fieldBytes = layoutOf(f.field.type, dm).size;
    if (fm.kind === 'blk' && f.field.bits === undefined && fieldBytes !== 0) return { kind: 'blk' };
    // "If this field is the whole struct, remember its mode" (the widest such one).
    if (f.bitSize === bits && fm.kind !== 'blk' && (whole === null || modeBits(fm) > modeBits(whole))) whole = fm;
  }
  if (whole !== null && modeBits(whole) === bits && (t.kind === 'struct' || whole.kind === 'int')) return whole;
  return intModeForSize(l.size);
}

/** Integer class: the modes function_arg_32 passes in eax/edx/ecx (QI..DImode, BLKmode). */
export const isIntegerClass = (m: Mode): boolean => m.kind === 'blk' || (m.kind === 'int' && m.bytes <= 8);

/** The MMX-class vector modes of function_arg_32 (8-byte vectors: mm0-mm2). */
export const isMmxClass = (m: Mode): boolean => m.kind === 'vector' && m.bytes === 8;

/** The SSE-class modes of function_arg_32: 16-, 32-, 64-byte vector modes (xmm/ymm/zmm 0-2) and TImode. */
export const isSseClass = (m: Mode): boolean =>
  (m.kind === 'vector' && m.bytes >= 16) || (m.kind === 'int' && m.bytes === 16);
