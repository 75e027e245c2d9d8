// abifuzz replay and abifuzz shrink of a saved case: regenerate its signature from (seed, path),
// check the sources come out byte-identical, and run (or shrink) it again.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { FAST_CHECK_PATH, nameSignature, signatureAt, type Limits } from '../../../generators/index.js';
import { caseSources } from '../../report/case-file.js';
import { Exit, UsageError } from '../../errors.js';
import { fuzz } from '../../pipeline.js';
import { requireRunnable, targetById } from '../../targets/index.js';
import { printSummary } from '../print.js';

const side = z.object({ toolchain: z.string(), flags: z.array(z.string()) });
const caseSchema = z.object({
  schemaVersion: z.literal(1),
  target: z.string(),
  seed: z.number().int(),
  index: z.number().int().nonnegative(),
  path: z.string().regex(FAST_CHECK_PATH).optional(),
  caller: side,
  callee: side,
  limits: z.object({ maxParams: z.number(), maxFields: z.number(), maxDepth: z.number(), maxVariadic: z.number(), float16: z.boolean().default(true), conventions: z.array(z.string()).default([]), exclude: z.array(z.string()).optional(), weights: z.record(z.string(), z.number()) }),
  signature: z.object({ name: z.string() }).passthrough(),
});

type SavedCase = z.infer<typeof caseSchema>;

/** case.json, or the case.json of a finding folder; missing or corrupt: a usage error. */
export async function loadCase(file: string): Promise<{ c: SavedCase; dir: string }> {
  let path = file;
  try {
    if ((await stat(file)).isDirectory()) path = join(file, 'case.json');
  } catch {
    throw new UsageError(`case file not found: ${file}`, 'ABIFUZZ_CASE_MISSING');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`corrupt case file ${path}: ${(e as Error).message.split('\n')[0]}`, 'ABIFUZZ_CASE_CORRUPT');
  }
  const r = caseSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new UsageError(`corrupt case file ${path}: ${i.path.join('.') || '(root)'}: ${i.message}`, 'ABIFUZZ_CASE_CORRUPT');
  }
  return { c: r.data, dir: dirname(path) };
}

/** The case's target, toolchains and limits, resolved (missing toolchains are usage errors). */
function resolveCase(c: SavedCase) {
  const target = targetById(c.target);
  const caller = { tc: target.resolveToolchain(c.caller.toolchain), flags: c.caller.flags };
  const callee = { tc: target.resolveToolchain(c.callee.toolchain), flags: c.callee.flags };
  requireRunnable(target);
  const limits = c.limits as unknown as Limits;
  return { target, caller, callee, limits, path: c.path ?? String(c.index) };
}

/** Regenerates the case's sources from seed and path and compares them with the saved files. */
async function compareSources(dir: string, c: SavedCase, r: ReturnType<typeof resolveCase>): Promise<{ identical: boolean; differing: string[] }> {
  const sig = nameSignature(signatureAt(r.target.dataModel, r.limits, c.seed, r.path), c.index);
  const fresh = caseSources({ target: r.target, seed: c.seed, caller: r.caller, callee: r.callee, limits: r.limits }, sig, c.index);
  const differing: string[] = [];
  for (const [name, text] of Object.entries(fresh)) {
    const saved = await readFile(join(dir, name), 'utf8').catch(() => null);
    if (saved !== text) differing.push(name);
  }
  return { identical: differing.length === 0, differing };
}

export async function replayCommand(file: string, opts: { out: string; json?: boolean; keep?: boolean }): Promise<number> {
  const { c, dir } = await loadCase(file);
  const r = resolveCase(c);
  const same = await compareSources(dir, c, r).catch(() => ({ identical: false, differing: ['(cannot regenerate)'] }));
  if (!opts.json)
    process.stderr.write(same.identical
      ? `abifuzz: regenerated from seed ${c.seed}, path ${r.path}: abi.h, caller.c and callee.c are byte-identical to the saved ones\n`
      : `abifuzz: warning: regenerated sources differ from the saved ones (${same.differing.join(', ')}): the generator changed since the case was saved\n`);
  const summary = await fuzz({
    target: r.target, caller: r.caller, callee: r.callee, seed: c.seed, runs: 1, batch: 1, jobs: 1, outDir: opts.out,
    keep: opts.keep ?? false, showKnown: true, limits: r.limits, shrink: false, only: [{ path: r.path, index: c.index }],
  });
  if (opts.json) process.stdout.write(JSON.stringify({ ...summary, sourcesIdentical: same.identical, differing: same.differing }) + '\n');
  else printSummary(summary, process.stdout);
  if (!opts.json) process.stderr.write(summary.findings.length ? 'abifuzz: the problem still reproduces\n' : 'abifuzz: the problem is gone\n');
  return summary.findings.length ? Exit.findings : Exit.clean;
}

/** abifuzz shrink <case>: shrink a saved case again, from its own path, with today's compilers. */
export async function shrinkCommand(file: string, opts: { out: string; json?: boolean; shrinkTime?: number }): Promise<number> {
  const { c } = await loadCase(file);
  const r = resolveCase(c);
  const summary = await fuzz({
    target: r.target, caller: r.caller, callee: r.callee, seed: c.seed, runs: 1, batch: 1, jobs: 1, outDir: opts.out,
    keep: false, showKnown: true, limits: r.limits, shrink: true, shrinkBudgetSec: opts.shrinkTime, only: [{ path: r.path, index: c.index }],
  });
  if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else printSummary(summary, process.stdout);
  return summary.findings.length ? Exit.findings : Exit.clean;
}
