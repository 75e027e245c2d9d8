// A baseline file: the team's own list of expected problems (abi-cafe's rules file), so a nightly
// run can say what is new. Each entry selects buckets, by exact key or by a selector (target, pair,
// kind, a pattern on the key, the compiler versions), with a reason and a link. An entry may also
// name a built-in known outcome (a known-issue rule or a model dialect) that the team wants reported
// anyway. The format is a schema; `abifuzz baseline` writes one from a run.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import type { Bucket } from './buckets.js';
import type { CampaignSummary, CellResult, Expectation } from './campaign.js';

const entrySchema = z.strictObject({
  /** The bucket's key, exactly. */
  key: z.string().optional(),
  /** Or a selector: every field given must match. `match` is a regular expression on the key. */
  target: z.string().optional(),
  caller: z.string().optional(),
  callee: z.string().optional(),
  kind: z.string().optional(),
  match: z.string().optional(),
  /** A regular expression the compilers' `--version` first lines must match (either side). */
  versions: z.string().optional(),
  /** A built-in known outcome (rule id or "dialect <id>") to report as a finding after all. */
  reportKnown: z.string().optional(),
  reason: z.string(),
  link: z.string().optional(),
});

export const baselineSchema = z.strictObject({
  baselineVersion: z.literal(1),
  entries: z.array(entrySchema),
});

export type Baseline = z.infer<typeof baselineSchema>;
type Entry = Baseline['entries'][number];

export async function readBaseline(file: string): Promise<Baseline> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`baseline ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (e as Error).message.split('\n')[0]}`, 'ABIFUZZ_BAD_BASELINE');
  }
  const r = baselineSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new UsageError(`baseline ${file}: ${i.path.join('.') || '(root)'}: ${i.message}`, 'ABIFUZZ_BAD_BASELINE');
  }
  for (const [n, e] of r.data.entries.entries()) {
    for (const re of [e.match, e.versions])
      if (re !== undefined)
        try {
          new RegExp(re);
        } catch {
          throw new UsageError(`baseline ${file}: entries.${n}: '${re}' is not a regular expression`, 'ABIFUZZ_BAD_BASELINE');
        }
    if (!e.reportKnown && e.key === undefined && [e.target, e.caller, e.callee, e.kind, e.match].every((x) => x === undefined))
      throw new UsageError(`baseline ${file}: entries.${n}: select something (key, target, caller, callee, kind or match)`, 'ABIFUZZ_BAD_BASELINE');
  }
  return r.data;
}

function selects(e: Entry, cell: CellResult, b: Bucket): boolean {
  if (e.reportKnown) return false;
  if (e.key !== undefined && e.key !== b.key) return false;
  if (e.target !== undefined && e.target !== cell.target) return false;
  if (e.caller !== undefined && e.caller !== cell.caller.toolchain) return false;
  if (e.callee !== undefined && e.callee !== cell.callee.toolchain) return false;
  if (e.kind !== undefined && e.kind !== b.kind) return false;
  if (e.match !== undefined && !new RegExp(e.match).test(b.key)) return false;
  if (e.versions !== undefined) {
    const v = new RegExp(e.versions);
    if (![cell.summary.caller.version, cell.summary.callee.version].some((x) => x !== undefined && v.test(x))) return false;
  }
  return true;
}

/** The expectation a baseline has for a bucket of a cell, if any. */
export function expectationOf(b: Baseline | null): (cell: CellResult, bucket: Bucket) => Expectation | undefined {
  return (cell, bucket) => {
    const e = b?.entries.find((x) => selects(x, cell, bucket));
    return e ? { reason: e.reason, ...(e.link ? { link: e.link } : {}) } : undefined;
  };
}

/** Built-in known outcomes the baseline wants reported as findings. */
export const reportedKnown = (b: Baseline | null): string[] => (b?.entries ?? []).flatMap((e) => (e.reportKnown ? [e.reportKnown] : []));

/** A baseline accepting every bucket of a run (`abifuzz baseline <results> --out FILE`). */
export function baselineFrom(c: CampaignSummary, reason: string): Baseline {
  const entries = c.cells.flatMap((cell) =>
    cell.summary.buckets.map((b) => ({ key: b.key, reason: `${reason}: ${b.kind} ${b.problem} (${b.count} findings, ${b.caseDir})` })));
  return { baselineVersion: 1, entries };
}
