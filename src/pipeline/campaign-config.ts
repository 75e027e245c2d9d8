// A campaign file (JSON or TOML): the matrix a nightly job fuzzes. Targets × toolchain pairs (each
// pair in both directions) × flag sets, with generator settings; validated by one schema, every
// problem a one-line usage error naming where it is.
import { readFile } from 'node:fs/promises';
import { parse as parseToml } from 'smol-toml';
import { z } from 'zod';
import { UsageError } from '../errors.js';

const pair = z.tuple([z.string(), z.string()]);

export const campaignSchema = z.strictObject({
  /** Seed of every cell (default: random, printed). */
  seed: z.number().int().optional(),
  /** Signatures per cell, or a total duration for the whole campaign (shrinking included): give one. */
  runs: z.number().int().positive().optional(),
  time: z.union([z.string(), z.number()]).optional(),
  /** Target ids, or "all" (every target whose toolchains are installed). */
  targets: z.union([z.literal('all'), z.array(z.string()).nonempty()]).default('all'),
  /** Caller/callee pairs, each run both ways ("gcc" is each target's own gcc); "default": the target's gcc and the newest clang-N. */
  pairs: z.union([z.literal('default'), z.array(pair).nonempty()]).default('default'),
  /** Flag sets, each a cell of its own (default: none); `targets` restricts one to some targets (e.g. -mavx to x86). */
  flags: z.array(z.strictObject({ caller: z.string().optional(), callee: z.string().optional(), targets: z.array(z.string()).optional() })).nonempty().default([{}]),
  conventions: z.string().optional(),
  generator: z.strictObject({
    maxParams: z.number().int().optional(), maxFields: z.number().int().optional(), maxDepth: z.number().int().optional(),
    noTypes: z.array(z.string()).optional(),
    /** How often each kind of type is drawn, as fuzz --weights names them: { "int-complex": 1 }. */
    weights: z.record(z.string(), z.number().int().nonnegative()).optional(),
  }).default({}),
  batch: z.number().int().positive().optional(),
  timeout: z.union([z.string(), z.number()]).optional(),
  compileTimeout: z.union([z.string(), z.number()]).optional(),
  shrinkTime: z.union([z.string(), z.number()]).optional(),
  /** A baseline file (relative to the campaign file): its buckets are expected, not new. */
  baseline: z.string().optional(),
}).refine((c) => !(c.runs !== undefined && c.time !== undefined), { message: 'give runs or time, not both' });

export type CampaignFile = z.infer<typeof campaignSchema>;

/** Reads and validates a campaign file: JSON, or TOML when it ends in .toml. */
export async function readCampaign(file: string): Promise<CampaignFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`campaign file not found: ${file}`, 'ABIFUZZ_CAMPAIGN_MISSING');
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.toml') ? parseToml(text) : JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message.split('\n')[0]}`, 'ABIFUZZ_CAMPAIGN_CORRUPT');
  }
  const r = campaignSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new UsageError(`${file}: ${i.path.join('.') || '(root)'}: ${i.message}`, 'ABIFUZZ_CAMPAIGN_CORRUPT');
  }
  return r.data;
}
