// Generator limits: everything the CLI can tune. Weights are relative choice frequencies.

export interface Limits {
  /** Most fixed parameters in one signature (enough to spill past every register file). */
  maxParams: number;
  /** Most fields in one struct or union. */
  maxFields: number;
  /** Deepest nesting of aggregates inside aggregates. */
  maxDepth: number;
  /** Most arguments passed through `...`. */
  maxVariadic: number;
  /** Generate _Float16 at all: off when a compiler of the pair rejects it (decided by a probe). */
  float16: boolean;
  /** Scalars never to generate for this pair (e.g. long double where the two compilers mean different types). */
  exclude?: string[];
  /** Calling-convention attributes to fuzz (the target's, by default); each non-variadic signature has one of them or none. */
  conventions: string[];
  weights: {
    /** scalar : aggregate : vector : complex : enum : pointer among argument types. */
    scalar: number; aggregate: number; vector: number; complex: number; enum: number; pointer: number;
    /** How often an aggregate is one of the hand-picked ABI corners instead of a random one. */
    corner: number;
    /** Of 10 signatures, how many are variadic. */
    variadic: number;
    /**
     * Types outside the default stream (0 by default, so a seed's signatures stay what they were):
     * GNU integer `_Complex` and wide enums among argument types, `__bf16` among scalars, `long`
     * and enum bit-fields among fields.
     */
    intComplex?: number; wideEnum?: number; bf16?: number; longBitfield?: number; enumBitfield?: number;
    /** Homogeneous short-vector aggregates (HVAs), among aggregates (of 10 + corner + hva). */
    hva?: number;
    /** Function pointers `int (*)(int)` among argument types. */
    fnptr?: number;
    /** C23 `_BitInt(N)` among argument types (and so among fields and array elements). */
    bitint?: number;
    /** _Float32, _Float64, _Float32x, _Float64x among scalars (each of them, of 20 for all the others). */
    floatN?: number;
    /** __float128 and _Float128 among scalars (each of them, of 20 for all the others). */
    float128?: number;
    /** GCC vectors of __bf16 among vectors (of 20 for all other element types). */
    bf16Vector?: number;
    /** Structs ending in a flexible array member `T tail[]`, among argument and return types (of 20 + fam). */
    fam?: number;
    /** C11 _Atomic(T) of scalars and small structs among argument types (so also as fields and array elements). */
    atomic?: number;
    /** Unions of bit-fields at the corners (generators/corners.ts unionBitfieldCorner), among aggregates. */
    unionBitfield?: number;
  };
  /**
   * Widest `_BitInt` to draw: what both compilers of the pair accept, decided by a probe (absent:
   * BITINT_MAX). 0: none at all (a compiler of the pair has no _BitInt).
   */
  bitIntMax?: number;
}

/** The widest `_BitInt` ever drawn (the third band is 129..256 bits). */
export const BITINT_MAX = 256;

export const DEFAULT_LIMITS: Limits = {
  maxParams: 20,
  maxFields: 6,
  maxDepth: 2,
  maxVariadic: 4,
  float16: true,
  conventions: [],
  weights: { scalar: 6, aggregate: 6, vector: 1, complex: 1, enum: 1, pointer: 1, corner: 2, variadic: 2 },
};

/** Checks limits up front and names the one that is wrong (the CLI turns this into exit 2). */
export function validateLimits(l: Limits): string | null {
  if (!Number.isInteger(l.maxParams) || l.maxParams < 0 || l.maxParams > 127) return 'max-params must be an integer in 0..127';
  if (!Number.isInteger(l.maxFields) || l.maxFields < 1 || l.maxFields > 64) return 'max-fields must be an integer in 1..64';
  if (!Number.isInteger(l.maxDepth) || l.maxDepth < 0 || l.maxDepth > 8) return 'max-depth must be an integer in 0..8';
  return null;
}

/** Kinds of type `--no-types` may name besides scalars: each is a weight set to 0. */
export const TYPE_KINDS = ['aggregate', 'vector', 'complex', 'enum', 'pointer'] as const;

/** Every weight `--weights` may set, by its CLI name, with what it weighs. */
export const WEIGHT_NAMES: Record<string, { key: keyof Limits['weights']; what: string }> = {
  scalar: { key: 'scalar', what: 'scalars among argument types' },
  aggregate: { key: 'aggregate', what: 'structs and unions' },
  vector: { key: 'vector', what: 'GNU vectors' },
  complex: { key: 'complex', what: 'floating _Complex' },
  enum: { key: 'enum', what: 'enums' },
  pointer: { key: 'pointer', what: 'pointers to checked objects' },
  corner: { key: 'corner', what: 'hand-picked ABI corner aggregates (of 10 + corner aggregates)' },
  variadic: { key: 'variadic', what: 'variadic signatures, of 10' },
  'int-complex': { key: 'intComplex', what: 'GNU integer _Complex (char to long long), default 0' },
  'wide-enum': { key: 'wideEnum', what: 'enums with a value beyond int (8 bytes), default 0' },
  bf16: { key: 'bf16', what: '__bf16 among scalars (20 = as often as all other scalars together), default 0' },
  'long-bitfield': { key: 'longBitfield', what: 'bit-fields of long and unsigned long (3 = as often as other bit-fields), default 0' },
  'enum-bitfield': { key: 'enumBitfield', what: 'bit-fields of enum type, default 0' },
  fnptr: { key: 'fnptr', what: 'function pointers int (*)(int), checked by address and by a call, default 0' },
  bitint: { key: 'bitint', what: 'C23 _BitInt(N), signed and unsigned, N in 1-64, 65-128 and 129-256 (bands the pair accepts), default 0' },
  fam: { key: 'fam', what: 'structs ending in a flexible array member T tail[], as arguments and returns (of 20 + fam), default 0' },
  atomic: { key: 'atomic', what: '_Atomic(T) of scalars and small structs, as arguments, returns and fields, default 0' },
  'union-bitfield': { key: 'unionBitfield', what: 'unions of long long : 33..63 beside int bit-fields, zero-width bit-fields, a bit-field as the only named member (of 10 + corner aggregates), default 0' },
  hva: { key: 'hva', what: 'structs of 1-4 short vectors of one size (AAPCS64 HVAs), of 10 random + corner aggregates, default 0' },
  'float-n': { key: 'floatN', what: '_Float32, _Float64, _Float32x, _Float64x among scalars (each, of 20 for all other scalars), default 0' },
  float128: { key: 'float128', what: '__float128 and _Float128 among scalars (each, of 20 for all other scalars), default 0' },
  'bf16-vector': { key: 'bf16Vector', what: 'GCC vectors of __bf16 among vectors (of 20 for all other element types), default 0' },
};

/** Limits with the weights of `spec` ("int-complex=1,bf16=2") set, or a message naming what is wrong. */
export function withWeights(l: Limits, spec: string): Limits | string {
  const weights = { ...l.weights };
  for (const item of spec.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^([a-z0-9-]+)=(\d+)$/.exec(item);
    if (!m) return `--weights: '${item}' is not name=N (e.g. int-complex=1)`;
    const w = WEIGHT_NAMES[m[1]!];
    if (!w) return `--weights: unknown weight '${m[1]}' (known: ${Object.keys(WEIGHT_NAMES).join(', ')})`;
    const n = Number(m[2]);
    if (n > 1000) return `--weights: ${m[1]}=${n} is more than 1000`;
    weights[w.key] = n;
  }
  if (weights.variadic > 10) return '--weights: variadic is out of 10 signatures, at most 10';
  return { ...l, weights };
}

/**
 * Limits without the types `names` lists (scalar names, or kinds of TYPE_KINDS), or a message naming
 * the one that is neither.
 */
export function withoutTypes(l: Limits, names: string[], scalars: readonly string[]): Limits | string {
  const weights = { ...l.weights };
  const exclude = [...(l.exclude ?? [])];
  for (const n of names) {
    if ((TYPE_KINDS as readonly string[]).includes(n)) weights[n as (typeof TYPE_KINDS)[number]] = 0;
    else if (scalars.includes(n)) exclude.push(n);
    else return `--no-types: unknown type '${n}' (scalars: ${scalars.join(', ')}; kinds: ${TYPE_KINDS.join(', ')})`;
  }
  if (scalars.every((s) => exclude.includes(s))) return '--no-types: at least one scalar type must remain';
  return { ...l, weights, exclude };
}
