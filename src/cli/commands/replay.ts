// abifuzz replay <case.json>: regenerate the saved signature from (seed, path) and run it again.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { generateSignatures } from '../../../generators/index.js';
import { Exit, UsageError } from '../../errors.js';
import type { Signature } from '../../model/types.js';
import { fuzz } from '../../pipeline.js';
import { targetById } from '../../targets/index.js';
import { printSummary } from '../print.js';

const side = z.object({ toolchain: z.string(), flags: z.array(z.string()) });
const caseSchema = z.object({
  schemaVersion: z.literal(1),
  target: z.string(),
  seed: z.number().int(),
  index: z.number().int().nonnegative(),
  caller: side,
  callee: side,
  limits: z.object({ maxParams: z.number(), maxFields: z.number(), maxDepth: z.number(), maxVariadic: z.number(), float16: z.boolean().default(true), conventions: z.array(z.string()).default([]), exclude: z.array(z.string()).optional(), weights: z.record(z.string(), z.number()) }),
  signature: z.object({ name: z.string() }).passthrough(),
});

export async function loadCase(file: string): Promise<z.infer<typeof caseSchema>> {
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
  return r.data;
}

export async function replayCommand(file: string, opts: { out: string; json?: boolean; keep?: boolean }): Promise<number> {
  const c = await loadCase(file);
  const target = targetById(c.target);
  const caller = { tc: target.resolveToolchain(c.caller.toolchain), flags: c.caller.flags };
  const callee = { tc: target.resolveToolchain(c.callee.toolchain), flags: c.callee.flags };
  const limits = c.limits as unknown as Parameters<typeof generateSignatures>[1];
  const regenerated = generateSignatures(target.dataModel, limits, c.seed, c.index, 1)[0]!;
  const saved = c.signature as unknown as Signature;
  const same = JSON.stringify(regenerated) === JSON.stringify(saved);
  if (!opts.json)
    process.stderr.write(same
      ? `abifuzz: regenerated ${saved.name} from seed ${c.seed}, path ${c.index}: identical to the saved signature\n`
      : `abifuzz: generator changed: replaying ${saved.name} from the stored signature\n`);
  const summary = await fuzz({
    target, caller, callee, seed: c.seed, runs: 1, batch: 1, jobs: 1, outDir: opts.out, keep: opts.keep ?? false, showKnown: true, limits,
    only: [{ sig: same ? regenerated : saved, index: c.index }],
  });
  if (opts.json) process.stdout.write(JSON.stringify({ ...summary, regeneratedIdentical: same }) + '\n');
  else printSummary(summary, process.stdout);
  return summary.findings.length ? Exit.findings : Exit.clean;
}
