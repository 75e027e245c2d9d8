// The fuzz driver: generate batches of signatures, check each batch (harness/batch.ts) with at
// most --jobs processes at a time, write findings as they are confirmed, and sum it all up.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { generateSignatures, nameSignature, signatureAt, type Limits } from '../generators/index.js';
import { UsageError } from './errors.js';
import { checkBatch, type BatchContext } from '../harness/batch.js';
import { linkerOf } from '../harness/build.js';
import { phaseMs, setJobs } from '../harness/process.js';
import { probeFeature } from '../harness/probe.js';
import type { Side } from '../harness/toolchains/toolchain.js';
import type { Finding } from './check/finding.js';
import type { Signature } from './model/types.js';
import { writeAtomic, writeCase } from './report/case-file.js';
import type { Target } from './targets/target.js';
import type { Bucket } from './report/buckets.js';
import { FindingShrinker, SHRINK_CHUNK } from './shrink/finding-shrinker.js';
import type { Confirmation } from './shrink/types.js';
import { sideLabel } from '../harness/toolchains/toolchain.js';

export interface FuzzOptions {
  target: Target;
  caller: Side;
  callee: Side;
  seed: number;
  /** Signatures to generate; ignored when timeSec is set. */
  runs: number;
  timeSec?: number;
  batch: number;
  jobs: number;
  outDir: string;
  keep: boolean;
  /** Report findings that match a known-issue rule as findings (default: count them as known). */
  showKnown?: boolean;
  limits: Limits;
  /** Only these cases (replay, --path): the signature at each fast-check path, named by index. */
  only?: { path: string; index: number }[];
  /** Shrink the first finding of each kind of problem (default true); off still isolates it. */
  shrink?: boolean;
  /** Time one finding's shrink may take (default 120 s). */
  shrinkBudgetSec?: number;
  onProgress?(p: Progress): void;
  /** Once the configuration is resolved (no usage error can follow), before any work. */
  onStart?(): void;
  onWarning?(w: string): void;
}

export interface Progress {
  generated: number; checked: number; skipped: number; findings: number; total: number | null; elapsedMs: number;
  /** Findings waiting for or under shrinking. */
  shrinking: number;
}

export interface SummaryFinding {
  kind: Finding['kind'];
  function: string;
  index: number;
  signature: string;
  detail: string;
  path?: string;
  expected?: string;
  received?: string;
  signal?: string;
  register?: string;
  flag?: string;
  caseFile: string;
  /** Re-run alone it came back (confirmed) or not (flaky); absent while joined to another's bucket. */
  confirmation?: Confirmation;
}

export interface Summary {
  target: string;
  seed: number;
  caller: { toolchain: string; flags: string[] };
  callee: { toolchain: string; flags: string[] };
  signaturesChecked: number;
  skipped: number;
  skippedReasons: Record<string, number>;
  /** Findings matched by known-issue rules (src/check/known-issues.ts), by rule id: count and up to 5 examples. */
  known: Record<string, { count: number; byKind: Record<string, number>; examples: string[] }>;
  elapsedMs: number;
  runDir: string;
  interrupted: boolean;
  /** Milliseconds per phase, summed over parallel jobs (so they can add up to more than elapsedMs). */
  phaseMs: Record<string, number>;
  findings: SummaryFinding[];
  /** Findings deduplicated: one per distinct problem, with the minimal signature and a count. */
  buckets: Bucket[];
}

export function runId(seed: number, now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-s${seed}`;
}

export async function fuzz(o: FuzzOptions, signal?: AbortSignal): Promise<Summary> {
  const started = Date.now();
  setJobs(o.jobs);
  for (const k of Object.keys(phaseMs) as (keyof typeof phaseMs)[]) phaseMs[k] = 0;
  if (o.target.adjustLimits) o = { ...o, limits: o.target.adjustLimits(o.limits, o.caller.tc, o.callee.tc) };
  // A pair that cannot express _Float16 gets signatures without it, rather than hundreds of skips.
  if (o.limits.float16 && !(await probeFeature(o.caller, '_Float16') && (await probeFeature(o.callee, '_Float16'))))
    o = { ...o, limits: { ...o.limits, float16: false } };
  // Signatures at paths are generated with the limits of this pair, like the run that found them.
  const only = o.only?.map(({ path, index }) => ({ sig: nameSignature(atPath(o, path), index), index, path }));
  o.onStart?.();
  const runDir = await freshDir(join(o.outDir, runId(o.seed, new Date(started))));
  const scratch = o.keep ? join(runDir, 'batches') : await mkdtemp(join(os.tmpdir(), 'abifuzz-'));
  const summary: Summary = {
    target: o.target.id, seed: o.seed,
    caller: { toolchain: o.caller.tc.id, flags: o.caller.flags },
    callee: { toolchain: o.callee.tc.id, flags: o.callee.flags },
    signaturesChecked: 0, skipped: 0, skippedReasons: {}, known: {}, elapsedMs: 0, runDir, interrupted: false, phaseMs: {}, findings: [],
    buckets: [],
  };
  const caseCtx = { target: o.target, seed: o.seed, caller: o.caller, callee: o.callee, limits: o.limits };
  const base = {
    target: o.target, caller: o.caller, callee: o.callee, seed: o.seed,
    linker: linkerOf(o.target),
    cacheDir: join(scratch, 'runtime'), workDir: scratch, keep: o.keep, showKnown: o.showKnown ?? false,
  };
  const pathOf = new Map((only ?? []).map((s) => [s.index, s.path]));
  const shrinker = new FindingShrinker({
    batch: { ...base, workDir: join(scratch, 'shrink'), keep: false },
    limits: o.limits, chunk: SHRINK_CHUNK, budgetMs: (o.shrinkBudgetSec ?? 120) * 1000, shrink: o.shrink ?? true, signal,
  }, runDir, caseCtx, `${o.target.id} | ${sideLabel(o.caller)} -> ${sideLabel(o.callee)}`, o.onWarning, started, () => progress());
  const ctx: BatchContext = {
    ...base,
    async onFinding(f: Finding, sig: Signature) {
      const path = pathOf.get(f.index) ?? String(f.index);
      const caseFile = await writeCase(runDir, caseCtx, f, sig, { path });
      const { kind, function: fn, index, signature, detail, path: leaf, expected, received, signal: sg, register, flag } = f;
      const entry: SummaryFinding = { kind, function: fn, index, signature, detail, path: leaf, expected, received, signal: sg, register, flag, caseFile };
      summary.findings.push(entry);
      shrinker.file(f, sig, path, entry);
    },
  };
  const total = only ? only.length : o.timeSec ? null : o.runs;
  const deadline = o.timeSec ? started + o.timeSec * 1000 : Infinity;
  // Enough batches to keep every job busy, but no smaller than needed.
  const batchSize = total === null ? o.batch : Math.max(1, Math.min(o.batch, Math.ceil(total / o.jobs)));
  let next = 0;
  let generated = 0;
  const progress = () => o.onProgress?.({
    generated, checked: summary.signaturesChecked, skipped: summary.skipped, findings: summary.findings.length, shrinking: shrinker.pending,
    total, elapsedMs: Date.now() - started,
  });
  const takeBatch = (): { sig: Signature; index: number }[] | null => {
    if (signal?.aborted || Date.now() >= deadline) return null;
    if (only) {
      if (next >= only.length) return null;
      return only.slice(next, (next += batchSize));
    }
    const count = total === null ? batchSize : Math.min(batchSize, total - next);
    if (count <= 0) return null;
    const t0 = performance.now();
    const sigs = generateSignatures(o.target.dataModel, o.limits, o.seed, next, count);
    phaseMs.generate += performance.now() - t0;
    next += count;
    return sigs.map((sig) => ({ sig, index: Number(sig.name.slice(1)) }));
  };
  await o.target.runner.prepare?.();
  try {
    const inflight = new Set<Promise<void>>();
    // One batch more than jobs in flight: while one links or runs, the others compile.
    for (;;) {
      while (inflight.size < o.jobs + 1) {
        const b = takeBatch();
        if (!b) break;
        generated += b.length;
        const p = checkBatch(ctx, b).then((r) => {
          summary.signaturesChecked += r.checked;
          for (const [reason, n] of r.skipped) {
            summary.skipped += n;
            summary.skippedReasons[reason] = (summary.skippedReasons[reason] ?? 0) + n;
          }
          for (const [id, fns] of r.known) {
            const k = (summary.known[id] ??= { count: 0, byKind: {}, examples: [] });
            k.count += fns.length;
            for (const fn of fns) {
              const kind = fn.split(' ')[0]!; // entries are "<kind> <function>"
              k.byKind[kind] = (k.byKind[kind] ?? 0) + 1;
            }
            k.examples.push(...fns.slice(0, 5 - k.examples.length));
          }
          r.warnings.forEach((w) => o.onWarning?.(w));
          progress();
        });
        inflight.add(p);
        const done = (): boolean => inflight.delete(p);
        p.then(done, done);
      }
      if (!inflight.size) break;
      await Promise.race(inflight);
    }
    await shrinker.drain();
  } finally {
    await o.target.runner.shutdown?.();
  }
  summary.buckets = shrinker.buckets.list();
  if (!o.keep) await rm(scratch, { recursive: true, force: true });
  summary.interrupted = signal?.aborted ?? false;
  summary.elapsedMs = Date.now() - started;
  summary.phaseMs = Object.fromEntries(Object.entries(phaseMs).map(([k, v]) => [k, Math.round(v)]));
  summary.findings.sort((a, b) => a.index - b.index || a.kind.localeCompare(b.kind));
  await writeAtomic(join(runDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}

function atPath(o: FuzzOptions, path: string): Signature {
  try {
    return signatureAt(o.target.dataModel, o.limits, o.seed, path);
  } catch {
    throw new UsageError(`seed ${o.seed} has no signature at path ${path} (a path from another version of abifuzz or fast-check?)`, 'ABIFUZZ_BAD_PATH');
  }
}

/** `base`, or `base-2`, `base-3`… when a run with the same id already wrote there. */
async function freshDir(base: string): Promise<string> {
  await mkdir(dirname(base), { recursive: true });
  for (let n = 1; ; n++) {
    const dir = n === 1 ? base : `${base}-${n}`;
    try {
      await mkdir(dir);
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}
