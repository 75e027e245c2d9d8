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
  };
}

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
