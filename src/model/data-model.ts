// Per-target sizes, alignments and availability of every scalar. Pure data.
import type { FloatFormat, ScalarName } from './types.js';

export interface ScalarInfo {
  size: number;
  align: number;
  /** Bytes that carry the value (x87 long double: 10 of 16). */
  valueBytes: number;
  float?: FloatFormat;
  signed?: boolean;
}

export interface DataModel {
  name: 'LP64' | 'ILP32' | 'LLP64';
  pointer: { size: number; align: number };
  scalars: Partial<Record<ScalarName, ScalarInfo>>;
  /**
   * Vectors align to their size up to this: 64 (the largest vector_size generated, so no cap) on
   * x86 and riscv64; 16 on aarch64 and 8 on arm, where gcc caps vector alignment (AAPCS64 and
   * AAPCS: short vectors are at most 16- resp. 8-byte aligned).
   */
  maxVectorAlign: number;
  /**
   * Member alignment of an 8-byte vector of integers (alignments here are those inside aggregates,
   * cf. i386 long long). 8 except on i386, where gcc (no MMX by default) gives such a vector the
   * integer mode DImode and x86_field_alignment caps members of integer or double mode at 4, the
   * i386 psABI rule for long long and double. 8-byte float vectors keep 8.
   */
  intVector8Align: number;
  /**
   * Unnamed zero-width bit-fields raise the aggregate's (struct's or union's, packed or not)
   * alignment to their type's: AAPCS and AAPCS64, where an unnamed bit-field's declared type counts
   * toward the aggregate's alignment (gcc's TARGET_ALIGN_ANON_BITFIELD). Not on SysV x86 or RISC-V,
   * where it only moves the next member to its type's boundary.
   */
  zeroWidthBitfieldAligns: boolean;
  /**
   * Structs are laid out the Microsoft way (MSVC's rules, gcc's -mms-bitfields / ms_struct, on by
   * default in mingw gcc, clang for *-windows-gnu and clang-cl): a bit-field's storage unit is its
   * declared type; adjacent bit-fields share a unit only when their types have the same size;
   * zero-width bit-fields count only after a bit-field. See msStructLayout in layout.ts. Only
   * x86_64-windows (LLP64).
   */
  msBitfields: boolean;
  /**
   * Whose Microsoft layout, where msBitfields is set (absent: 'gcc'). The Windows compilers agree on
   * most aggregates but not all (see layout.ts): 'gcc' is mingw gcc's (-mms-bitfields, the
   * target's gcc); 'clang' is clang's for *-windows-gnu (its Itanium record layout builder in
   * ms_struct mode); 'clang-cl' is clang-cl's for *-windows-msvc (its Microsoft record layout
   * builder, MSVC's rules).
   */
  msLayout?: MsLayout;
  /**
   * `_BitInt(N)` wider than 64 bits: `chunk`-byte chunks (size rounds N up to whole chunks), aligned to
   * `align`. Narrower ones are the integer of their size (1, 2, 4 or 8 bytes, aligned as that integer).
   */
  bitInt: { chunk: number; align: number };
}

/** A Microsoft layout dialect: the compiler whose rules are followed. */
export type MsLayout = 'gcc' | 'clang' | 'clang-cl';

const int = (size: number, signed: boolean, align = size): ScalarInfo => ({ size, align, valueBytes: size, signed });
const flt = (size: number, float: FloatFormat, valueBytes = size, align = size): ScalarInfo => ({ size, align, valueBytes, float });

/** SysV x86-64 (AMD64 psABI §3.1.2, Figure 3.1). */
export const lp64x86: DataModel = {
  name: 'LP64',
  pointer: { size: 8, align: 8 },
  scalars: {
    char: int(1, true), 'signed char': int(1, true), 'unsigned char': int(1, false),
    short: int(2, true), 'unsigned short': int(2, false), int: int(4, true), 'unsigned int': int(4, false),
    long: int(8, true), 'unsigned long': int(8, false), 'long long': int(8, true), 'unsigned long long': int(8, false),
    _Bool: int(1, false), '__int128': int(16, true), 'unsigned __int128': int(16, false),
    _Float16: flt(2, 'binary16'), __bf16: flt(2, 'bfloat16'), float: flt(4, 'binary32'), double: flt(8, 'binary64'),
    'long double': flt(16, 'x87', 10),
    // TS 18661-3 types (gcc only; measured with gcc 12: sizeof, _Alignof, offsetof after a char).
    // _Float64x is long double's x87 format; __float128 and _Float128 are binary128, 16/16.
    _Float32: flt(4, 'binary32'), _Float64: flt(8, 'binary64'), _Float32x: flt(8, 'binary64'),
    _Float64x: flt(16, 'x87', 10), __float128: flt(16, 'binary128'), _Float128: flt(16, 'binary128'),
  },
  maxVectorAlign: 64,
  intVector8Align: 8,
  zeroWidthBitfieldAligns: false,
  msBitfields: false,
  // AMD64 psABI 3.1.2: "_BitInt(N) types with N > 64 ... are treated as if they were struct of 64-bit integer chunks".
  bitInt: { chunk: 8, align: 8 },
};

const common32 = {
  char: int(1, true), 'signed char': int(1, true), 'unsigned char': int(1, false),
  short: int(2, true), 'unsigned short': int(2, false), int: int(4, true), 'unsigned int': int(4, false),
  long: int(4, true), 'unsigned long': int(4, false), _Bool: int(1, false),
  _Float16: flt(2, 'binary16'), float: flt(4, 'binary32'),
};

/**
 * SysV i386 psABI: long long and double are 4-aligned inside aggregates (so are 8-byte integer
 * vectors with gcc); long double is x87 in 12 bytes; no __int128.
 */
export const ilp32i386: DataModel = {
  name: 'ILP32',
  pointer: { size: 4, align: 4 },
  scalars: {
    ...common32,
    'long long': int(8, true, 4), 'unsigned long long': int(8, false, 4),
    double: flt(8, 'binary64', 8, 4), 'long double': flt(12, 'x87', 10, 4),
    // Measured with gcc 12 -m32 (and clang-19 for __float128): _Float64 and _Float32x are double
    // (4-aligned in aggregates), _Float64x is long double; __float128 and _Float128 are 16/16.
    _Float32: flt(4, 'binary32'), _Float64: flt(8, 'binary64', 8, 4), _Float32x: flt(8, 'binary64', 8, 4),
    _Float64x: flt(12, 'x87', 10, 4), __float128: flt(16, 'binary128'), _Float128: flt(16, 'binary128'),
  },
  maxVectorAlign: 64,
  intVector8Align: 4,
  zeroWidthBitfieldAligns: false,
  msBitfields: false,
  // No i386 text defines _BitInt; clang 16-22 lay N > 64 out as 4-byte chunks, 4-aligned (measured).
  bitInt: { chunk: 4, align: 4 },
};

/**
 * i386 as gcc lays it out with MMX enabled (-mmmx, implied by -msse and up), and as clang always
 * does: 8-byte integer vectors are 8-aligned inside aggregates too (the psABI's __m64 alignment).
 */
export const ilp32i386Mmx: DataModel = { ...ilp32i386, intVector8Align: 8 };

/** AAPCS32 with VFP (armhf): 8-aligned long long and double; long double is double; no __int128. */
export const ilp32armhf: DataModel = {
  name: 'ILP32',
  pointer: { size: 4, align: 4 },
  scalars: {
    ...common32,
    'long long': int(8, true), 'unsigned long long': int(8, false),
    double: flt(8, 'binary64'), 'long double': flt(8, 'binary64'), __bf16: flt(2, 'bfloat16'),
    // arm-linux-gnueabihf-gcc 12 has no _Float64x, _Float128 or __float128 (long double is double).
    _Float32: flt(4, 'binary32'), _Float64: flt(8, 'binary64'), _Float32x: flt(8, 'binary64'),
  },
  maxVectorAlign: 8,
  intVector8Align: 8,
  zeroWidthBitfieldAligns: true,
  msBitfields: false,
  // clang 16-22: 8-byte chunks, 8-aligned (measured; clang accepts at most _BitInt(128) here).
  bitInt: { chunk: 8, align: 8 },
};

/**
 * LP64 with IEEE binary128 long double: AAPCS64 (aarch64) and LP64D (riscv64). Both texts lay
 * `_BitInt(N > 64)` out as 16-byte chunks, 16-aligned (AAPCS64 "Mapped as if unsigned __int128[M]";
 * RISC-V "_BitInt(65 <= N <= 128): 16, 16; _BitInt(N > 128): RoundUp(N / 128) * 16, 16").
 */
export function lp64quad(maxVectorAlign: number, zeroWidthBitfieldAligns: boolean): DataModel {
  // _Float64x and _Float128 are long double's binary128; there is no __float128 (gcc 12 and clang reject it).
  const scalars = { ...lp64x86.scalars, 'long double': flt(16, 'binary128'), _Float64x: flt(16, 'binary128') };
  delete scalars.__float128;
  return {
    name: 'LP64',
    pointer: { size: 8, align: 8 },
    scalars,
    maxVectorAlign,
    intVector8Align: 8,
    zeroWidthBitfieldAligns,
    msBitfields: false,
    bitInt: { chunk: 16, align: 16 },
  };
}

/**
 * Microsoft x64 (LLP64): long is 4 bytes; mingw's long double is x87 in 16 bytes (clang-cl's is
 * double: such pairs generate none). Structs with bit-fields are laid out the Microsoft way, as
 * mingw gcc, the target's gcc, does; llp64Clang and llp64ClangCl below are clang's and clang-cl's.
 */
export const llp64: DataModel = {
  ...lp64x86,
  name: 'LLP64',
  scalars: { ...lp64x86.scalars, long: int(4, true), 'unsigned long': int(4, false) },
  msBitfields: true,
  msLayout: 'gcc',
};

/**
 * x86_64-windows as clang for x86_64-w64-mingw32 lays structs out (a layout dialect of llp64: the
 * same scalars, mingw's x87 long double included).
 */
export const llp64Clang: DataModel = { ...llp64, msLayout: 'clang' };

/**
 * x86_64-windows as clang-cl (x86_64-pc-windows-msvc) lays structs out: MSVC's rules, and MSVC's
 * long double, which is double (8 bytes).
 */
export const llp64ClangCl: DataModel = {
  ...llp64,
  scalars: { ...llp64.scalars, 'long double': flt(8, 'binary64') },
  msLayout: 'clang-cl',
};

export function scalarInfo(dm: DataModel, name: ScalarName): ScalarInfo {
  const info = dm.scalars[name];
  if (!info) throw new Error(`internal: ${name} does not exist in the ${dm.name} data model`);
  return info;
}

/** Size and alignment of `_BitInt(bits)`. */
export function bitIntLayout(dm: DataModel, bits: number): { size: number; align: number } {
  if (bits > 64) return { size: Math.ceil(bits / (8 * dm.bitInt.chunk)) * dm.bitInt.chunk, align: dm.bitInt.align };
  const size = bits <= 8 ? 1 : bits <= 16 ? 2 : bits <= 32 ? 4 : 8;
  const int = scalarInfo(dm, size === 1 ? 'char' : size === 2 ? 'short' : size === 4 ? 'int' : 'long long');
  return { size, align: int.align };
}

export function hasScalar(dm: DataModel, name: ScalarName): boolean {
  return dm.scalars[name] !== undefined;
}
