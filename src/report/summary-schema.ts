// summary.json's schema (what --json prints too), published as JSON Schema beside case.json's
// (schemas/). The TypeScript types and this schema are held together by the compiler: each must be
// assignable to the other.
import { z } from 'zod';
import { FINDING_KINDS } from '../check/finding.js';
import type { Bucket } from './buckets.js';
import type { Summary } from './summary.js';

const side = z.object({ toolchain: z.string(), flags: z.array(z.string()), version: z.string().optional() });
const counts = z.record(z.string(), z.number());

const blame = z.object({ deviates: z.enum(['caller', 'callee', 'both', 'neither']), party: z.string(), detail: z.string(), rule: z.string() });

export const bucketSchema = z.object({
  key: z.string(),
  kind: z.enum(FINDING_KINDS),
  count: z.number().int(),
  signature: z.string(),
  caseDir: z.string(),
  problem: z.string(),
  confirmation: z.enum(['confirmed', 'flaky']).optional(),
  shrink: z.object({ steps: z.number(), candidates: z.number(), ms: z.number() }).optional(),
  functions: z.array(z.string()),
  blame: blame.optional(),
  foundAfterMs: z.number().optional(),
  minimalAfterMs: z.number().optional(),
});

export const summaryFindingSchema = z.object({
  kind: z.enum(FINDING_KINDS),
  function: z.string(),
  index: z.number().int(),
  declaration: z.string(),
  detail: z.string(),
  path: z.string().optional(),
  expected: z.string().optional(),
  received: z.string().optional(),
  signal: z.string().optional(),
  register: z.string().optional(),
  flag: z.string().optional(),
  compiler: z.object({ side: z.enum(['caller', 'callee']), toolchain: z.string(), message: z.string() }).optional(),
  caseFile: z.string(),
  confirmation: z.enum(['confirmed', 'flaky']).optional(),
});

export const summarySchema = z.object({
  summaryVersion: z.literal(2),
  target: z.string(),
  seed: z.number().int(),
  caller: side,
  callee: side,
  signaturesGenerated: z.number().int(),
  signaturesChecked: z.number().int(),
  skipped: z.number().int(),
  skippedReasons: counts,
  outcomes: counts,
  flaky: z.array(z.object({ function: z.string(), reason: z.string() })),
  known: z.record(z.string(), z.object({ count: z.number().int(), byKind: counts, functions: z.array(z.string()) })),
  disabledFeatures: z.array(z.object({ feature: z.string(), reason: z.string() })),
  elapsedMs: z.number(),
  runDir: z.string(),
  interrupted: z.boolean(),
  stopReason: z.string().optional(),
  phaseMs: counts,
  findings: z.array(summaryFindingSchema),
  buckets: z.array(bucketSchema),
});

// Compile-time: the schema and the types describe the same object.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const SUMMARY_SCHEMA_MATCHES: Same<z.infer<typeof summarySchema>, Summary> = true;
export const BUCKET_SCHEMA_MATCHES: Same<z.infer<typeof bucketSchema>, Bucket> = true;
