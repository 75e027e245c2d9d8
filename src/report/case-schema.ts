// case.json: one schema, used by the writer (its type) and by every reader (validation), so the
// two cannot drift. zod also publishes it as JSON Schema.
import { z } from 'zod';
import { FAST_CHECK_PATH } from '../../generators/index.js';
import { FINDING_KINDS } from '../check/finding.js';
import { COMPLEX_INTEGERS, SCALARS, type CType, type Field, type Signature } from '../model/types.js';

const scalarName = z.enum(SCALARS);

export const cTypeSchema: z.ZodType<CType> = z.lazy(() =>
  z.union([
    z.object({ kind: z.literal('scalar'), name: scalarName }),
    z.object({ kind: z.literal('enum'), name: z.string(), values: z.array(z.number().int()) }),
    z.object({ kind: z.literal('pointer'), to: cTypeSchema }),
    z.object({ kind: z.literal('fnptr'), name: z.string() }),
    z.object({
      kind: z.enum(['struct', 'union']), name: z.string(), fields: z.array(fieldSchema), packed: z.boolean(),
      aligned: z.number().int().positive().optional(),
    }),
    z.object({ kind: z.literal('array'), elem: cTypeSchema, count: z.number().int().nonnegative(), flexible: z.literal(true).optional() }),
    z.object({ kind: z.literal('vector'), elem: scalarName, bytes: z.number().int().positive() }),
    z.object({ kind: z.literal('atomic'), name: z.string(), of: cTypeSchema }),
    z.object({ kind: z.literal('complex'), base: z.enum(['float', 'double', 'long double', ...COMPLEX_INTEGERS]) }),
  ]),
);

const fieldSchema: z.ZodType<Field> = z.lazy(() =>
  z.object({
    name: z.string(), type: cTypeSchema, bits: z.number().int().nonnegative().optional(),
    packed: z.boolean().optional(), aligned: z.number().int().positive().optional(),
  }),
);

const paramSchema = z.object({ type: cTypeSchema });

export const signatureSchema: z.ZodType<Signature> = z.object({
  name: z.string(),
  ret: z.union([z.literal('void'), cTypeSchema]),
  params: z.array(paramSchema),
  variadic: z.array(paramSchema).nullable(),
  convention: z.string().optional(),
});

const mismatchSchema = z.object({
  side: z.enum(['callee', 'caller']), path: z.string(), offset: z.number().int(), expected: z.string(), received: z.string(),
});

export const findingSchema = z.object({
  kind: z.enum(FINDING_KINDS),
  index: z.number().int().nonnegative(),
  function: z.string(),
  path: z.string().optional(),
  expected: z.string().optional(),
  received: z.string().optional(),
  mismatches: z.array(mismatchSchema).optional(),
  signal: z.string().optional(),
  register: z.string().optional(),
  flag: z.string().optional(),
  compiler: z.object({
    side: z.enum(['caller', 'callee']), toolchain: z.string(), flags: z.array(z.string()), message: z.string(),
    command: z.string(), file: z.string(), source: z.string().optional(),
  }).optional(),
  detail: z.string(),
  known: z.string().optional(),
});

export const limitsSchema = z.object({
  maxParams: z.number().int(), maxFields: z.number().int(), maxDepth: z.number().int(), maxVariadic: z.number().int(),
  float16: z.boolean(), conventions: z.array(z.string()), exclude: z.array(z.string()).optional(),
  weights: z.object({
    scalar: z.number(), aggregate: z.number(), vector: z.number(), complex: z.number(), enum: z.number(), pointer: z.number(),
    corner: z.number(), variadic: z.number(),
    intComplex: z.number().optional(), wideEnum: z.number().optional(), bf16: z.number().optional(),
    longBitfield: z.number().optional(), enumBitfield: z.number().optional(), hva: z.number().optional(), fnptr: z.number().optional(),
    bitint: z.number().optional(),
    floatN: z.number().optional(), float128: z.number().optional(), bf16Vector: z.number().optional(),
    fam: z.number().optional(), atomic: z.number().optional(), unionBitfield: z.number().optional(),
  }),
  bitIntMax: z.number().int().optional(),
});

const sideSchema = z.object({ toolchain: z.string(), flags: z.array(z.string()) });

export const shrinkInfoSchema = z.object({
  steps: z.number().int(), candidates: z.number().int(), ms: z.number(),
  originalPath: z.string(), originalSignature: signatureSchema, note: z.string().optional(),
});

export const CASE_SCHEMA_VERSION = 2;

export const caseFileSchema = z.object({
  schemaVersion: z.literal(CASE_SCHEMA_VERSION),
  abifuzzVersion: z.string(),
  fastCheckVersion: z.string(),
  target: z.string(),
  seed: z.number().int(),
  /** fast-check path of the signature in the seed's stream ("42", or "42:0:3" once shrunk). */
  shrinkPath: z.string().regex(FAST_CHECK_PATH),
  /** Index of the function: names it f<index> and salts its values. */
  index: z.number().int().nonnegative(),
  caller: sideSchema,
  callee: sideSchema,
  limits: limitsSchema,
  finding: findingSchema,
  signature: signatureSchema,
  /** Re-run alone it came back (confirmed) or not (flaky); absent until isolated. */
  confirmation: z.enum(['confirmed', 'flaky']).optional(),
  shrink: shrinkInfoSchema.optional(),
  /** Who leaves the psABI, by the model (targets it covers). */
  blame: z.object({ deviates: z.enum(['caller', 'callee', 'both', 'neither']), party: z.string(), detail: z.string(), rule: z.string() }).optional(),
});

export type CaseFile = z.infer<typeof caseFileSchema>;
