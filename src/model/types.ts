// The C type model: the vocabulary every stage shares. Pure data, no I/O.

/** Every scalar a target may have. Availability and size come from the data model. */
export const SCALARS = [
  'char', 'signed char', 'unsigned char', 'short', 'unsigned short', 'int', 'unsigned int',
  'long', 'unsigned long', 'long long', 'unsigned long long', '_Bool',
  'float', 'double', 'long double', '__int128', 'unsigned __int128', '_Float16', '__bf16',
  '_Float32', '_Float64', '_Float32x', '_Float64x', '__float128', '_Float128',
] as const;
export type ScalarName = (typeof SCALARS)[number];

export type FloatFormat = 'binary16' | 'bfloat16' | 'binary32' | 'binary64' | 'x87' | 'binary128';

/** Scalars the generators draw only by their own weight (a stream without them stays as it was). */
export const WEIGHTED_SCALARS = [
  '_Float16', '__bf16', '_Float32', '_Float64', '_Float32x', '_Float64x', '__float128', '_Float128',
] as const satisfies readonly ScalarName[];

/** ISO/IEC TS 18661-3 (C23 Annex X) interchange and extended types: drawn by weight `float-n`. */
export const FLOAT_N = ['_Float32', '_Float64', '_Float32x', '_Float64x'] as const satisfies readonly ScalarName[];
/** IEEE binary128 under its GNU and its TS 18661-3 name: drawn by weight `float128`. */
export const FLOAT_128 = ['__float128', '_Float128'] as const satisfies readonly ScalarName[];

/** The bases of GNU integer `_Complex` (no psABI here defines how it is passed). */
export const COMPLEX_INTEGERS = [
  'char', 'signed char', 'unsigned char', 'short', 'unsigned short', 'int', 'unsigned int',
  'long', 'unsigned long', 'long long', 'unsigned long long',
] as const satisfies readonly ScalarName[];
export type ComplexBase = 'float' | 'double' | 'long double' | (typeof COMPLEX_INTEGERS)[number];

/** Integer types a bit-field may be declared with. */
export const BITFIELD_BASES = [
  '_Bool', 'char', 'unsigned char', 'short', 'unsigned short', 'int', 'unsigned int',
  'long long', 'unsigned long long',
] as const satisfies readonly ScalarName[];

/** Bit-field types drawn only by their own weight: `long`, `unsigned long` (enums are a kind of their own). */
export const LONG_BITFIELD_BASES = ['long', 'unsigned long'] as const satisfies readonly ScalarName[];

export type CType =
  | { kind: 'scalar'; name: ScalarName }
  /**
   * Enumerators are `<name>_<i>` = values[i], safe integers. All in int's range: the enum is int
   * sized; a value beyond it makes a GNU wide enum, 8 bytes (enumWidth).
   */
  | { kind: 'enum'; name: string; values: number[] }
  /** Points at a caller- or callee-owned object whose bytes are checked too. */
  | { kind: 'pointer'; to: CType }
  /**
   * A pointer to a function `int (int)` (a typedef named `<name>`): its value is the address of one
   * of the runtime's FUNCTION_TARGETS, checked by address and by calling it.
   */
  | { kind: 'fnptr'; name: string }
  | { kind: 'struct' | 'union'; name: string; fields: Field[]; packed: boolean; aligned?: number }
  /**
   * Only as a field type. count 0 is the GNU zero-length array; flexible (count 0) is a C99 flexible
   * array member `T name[]`, only the last field of a struct that is an argument or return type.
   */
  | { kind: 'array'; elem: CType; count: number; flexible?: true }
  /** GCC vector_size(bytes) of `elem`. */
  | { kind: 'vector'; elem: ScalarName; bytes: number }
  | { kind: 'complex'; base: ComplexBase }
  /** C23 bit-precise integer `_BitInt(bits)` / `unsigned _BitInt(bits)` (1 <= bits; signed needs 2 <= bits). */
  | { kind: 'bitint'; bits: number; unsigned: boolean }
  /**
   * C11 `_Atomic(T)` of a scalar or of a struct of scalars and scalar arrays (no bit-fields), spelled
   * through a typedef named `<name>`. gcc and clang lay some out differently (layout.ts).
   */
  | { kind: 'atomic'; name: string; of: CType };

export type Aggregate = Extract<CType, { kind: 'struct' | 'union' }>;

/** The functions a fnptr value may point at: `int abifuzz_target_<k>(int x)` returns x * (k + 3) + 256 * (k + 1). */
export const FUNCTION_TARGETS = 4;
export const functionTarget = (k: number): string => `abifuzz_target_${k}`;
/** What function target k returns for `x`. */
export const functionTargetResult = (k: number, x: number): number => x * (k + 3) + 256 * (k + 1);

export interface Field {
  name: string;
  type: CType;
  /** Bit-field width; 0 is an unnamed zero-width bit-field (name is then ignored). */
  bits?: number;
  packed?: boolean;
  aligned?: number;
}

export interface Param {
  type: CType;
}

export interface Signature {
  /** Function name, unique in a batch: the emitter writes it as-is. */
  name: string;
  ret: CType | 'void';
  params: Param[];
  /** Arguments passed through `...`, after the fixed params (which are non-empty when this is non-empty). */
  variadic: Param[] | null;
  /** A calling-convention attribute of the target (`ms_abi`, `stdcall`, `regparm(3)`, `pcs("aapcs")`); absent: the default. */
  convention?: string;
}

/** Bytes of an enum's underlying type: int's 4, or 8 (GNU C) when a value does not fit in int. */
export function enumWidth(t: Extract<CType, { kind: 'enum' }>): 4 | 8 {
  return t.values.every((v) => v >= -(2 ** 31) && v < 2 ** 31) ? 4 : 8;
}

/** Enumerator `index` of `t` as the unsigned bits of the enum's width (what memory holds). */
export function enumBits(t: Extract<CType, { kind: 'enum' }>, index: number): bigint {
  return BigInt.asUintN(8 * enumWidth(t), BigInt(t.values[index]!));
}

/** The C spelling of a `_BitInt` type. */
export function bitIntName(t: Extract<CType, { kind: 'bitint' }>): string {
  return `${t.unsigned ? 'unsigned ' : ''}_BitInt(${t.bits})`;
}

/** The band of `_BitInt` widths that share a container: "1-8", "9-16", "17-32", "33-64", "65-128", ">128". */
export function bitIntBand(bits: number): string {
  const bands: [number, number][] = [[1, 8], [9, 16], [17, 32], [33, 64], [65, 128]];
  const b = bands.find(([, hi]) => bits <= hi);
  return b ? `${b[0]}-${b[1]}` : '>128';
}

/** Integer `_Complex`: the complex's parts are integers. */
export function isIntegerComplex(t: CType): boolean {
  return t.kind === 'complex' && (COMPLEX_INTEGERS as readonly string[]).includes(t.base);
}

/** A struct whose last field is a flexible array member. */
export function hasFlexibleArray(t: CType): boolean {
  const last = t.kind === 'struct' ? t.fields[t.fields.length - 1] : undefined;
  return last !== undefined && last.type.kind === 'array' && last.type.flexible === true;
}

export function isAggregate(t: CType): t is Aggregate {
  return t.kind === 'struct' || t.kind === 'union';
}

/** Every named aggregate and enum reachable from `t`, innermost first (definition order). */
export function namedTypesOf(t: CType, out: CType[] = []): CType[] {
  switch (t.kind) {
    case 'struct':
    case 'union':
      for (const f of t.fields) namedTypesOf(f.type, out);
      if (!out.includes(t)) out.push(t);
      break;
    case 'enum':
    case 'fnptr':
      if (!out.includes(t)) out.push(t);
      break;
    case 'atomic':
      namedTypesOf(t.of, out);
      if (!out.includes(t)) out.push(t);
      break;
    case 'array':
      namedTypesOf(t.elem, out);
      break;
    case 'pointer':
      namedTypesOf(t.to, out);
      break;
    default:
  }
  return out;
}

export function signatureTypes(sig: Signature): CType[] {
  const out: CType[] = [];
  if (sig.ret !== 'void') namedTypesOf(sig.ret, out);
  for (const p of [...sig.params, ...(sig.variadic ?? [])]) namedTypesOf(p.type, out);
  return out;
}
