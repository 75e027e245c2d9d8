// abifuzz replay and abifuzz shrink of a saved case: regenerate its signature from (seed, path),
// check the sources come out byte-identical, and run (or shrink) it again.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../../errors.js';
import { checkOutDir, DEFAULT_TIMEOUTS, resolvePair, signatureAtPath, type RunConfig } from '../../pipeline/config.js';
import { caseSources } from '../../report/case-file.js';
import { CASE_SCHEMA_VERSION, caseFileSchema, type CaseFile } from '../../report/case-schema.js';
import { targetById } from '../../targets/index.js';
import { runAndReport } from '../run-and-report.js';
import { prober } from '../../../harness/probe.js';
import { spawner } from '../../../harness/process.js';
import { callerChecks, modelRoles } from '../../pipeline/model.js';

/** case.json, or the case.json of a finding folder; missing or corrupt: a usage error. */
export async function loadCase(file: string): Promise<{ c: CaseFile; dir: string }> {
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
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version !== CASE_SCHEMA_VERSION)
    throw new UsageError(`case file ${path} has schema ${version}; this abifuzz reads schema ${CASE_SCHEMA_VERSION}`, 'ABIFUZZ_CASE_VERSION');
  const r = caseFileSchema.safeParse(raw);
  if (!r.success) {
    // Every problem on the one line (the first few): a hand-edited case often has more than one.
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    const more = issues.length > 4 ? `; and ${issues.length - 4} more` : '';
    throw new UsageError(`corrupt case file ${path}: ${issues.slice(0, 4).join('; ')}${more}`, 'ABIFUZZ_CASE_CORRUPT');
  }
  return { c: r.data, dir: dirname(path) };
}

/** The configuration that runs one saved case again (replay: no shrink; shrink: from its own path). */
async function caseConfig(c: CaseFile, out: string, shrink: boolean, shrinkTime = 300): Promise<RunConfig> {
  const target = targetById(c.target);
  const pair = resolvePair(target, c.caller, c.callee);
  await checkOutDir(out);
  return {
    target, ...pair, seed: c.seed, runs: 1, start: 0, batch: 1, jobs: 1, outDir: out, keep: false, showKnown: true,
    limits: c.limits, disabledFeatures: [], only: [{ sig: signatureAtPath(target, c.limits, c.seed, c.shrinkPath, c.index), index: c.index, shrinkPath: c.shrinkPath }],
    shrink, shrinkBudgetSec: shrinkTime, compileTimeoutMs: DEFAULT_TIMEOUTS.compileSec * 1000, runTimeoutMs: DEFAULT_TIMEOUTS.runSec * 1000,
  };
}

/** Regenerates the case's sources and compares them with the saved files. */
async function compareSources(dir: string, c: CaseFile, cfg: RunConfig): Promise<string[]> {
  const spawn = spawner(1);
  const probes = prober({ spawn, compileTimeoutMs: cfg.compileTimeoutMs });
  const models = await modelRoles(cfg.target, cfg.caller, cfg.callee, probes);
  const checks = await callerChecks(cfg.target, cfg.caller, cfg.callee, probes);
  const fresh = caseSources({ ...cfg, spawn, models, checks }, cfg.only![0]!.sig, c.index);
  const differing: string[] = [];
  for (const [name, text] of Object.entries(fresh)) if ((await readFile(join(dir, name), 'utf8').catch(() => null)) !== text) differing.push(name);
  return differing;
}

export async function replayCommand(file: string, opts: { out: string; json?: boolean; keep?: boolean }): Promise<number> {
  const { c, dir } = await loadCase(file);
  const cfg = { ...(await caseConfig(c, opts.out, false)), keep: opts.keep ?? false };
  const differing = await compareSources(dir, c, cfg);
  if (!opts.json)
    process.stderr.write(!differing.length
      ? `abifuzz: regenerated from seed ${c.seed}, path ${c.shrinkPath}: abi.h, caller.c and callee.c are byte-identical to the saved ones\n`
      : `abifuzz: warning: regenerated sources differ from the saved ones (${differing.join(', ')}): the generator changed since the case was saved\n`);
  return runAndReport(cfg, { json: opts.json ?? false, extraJson: { sourcesIdentical: !differing.length, differing } }, (s) => {
    if (!opts.json) process.stderr.write(s.findings.length ? 'abifuzz: the problem still reproduces\n' : 'abifuzz: the problem is gone\n');
  });
}

/** abifuzz shrink <case>: shrink a saved case again, from its own path, with today's compilers. */
export async function shrinkCommand(file: string, opts: { out: string; json?: boolean; shrinkTime?: number }): Promise<number> {
  const { c } = await loadCase(file);
  return runAndReport(await caseConfig(c, opts.out, true, opts.shrinkTime), { json: opts.json ?? false });
}
