// A fuzz run: generate batches of signatures, check each through the stage driver with at most
// --jobs processes at a time, hand findings to the sink as they are recorded, and write the
// summary. A stop (SIGINT, SIGTERM, --out full) kills every child, lets the batches in flight
// come back as interrupted, and still writes summary.json.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { basename, dirname, join } from 'node:path';
import { generateSignatures } from '../../generators/index.js';
import { prober } from '../../harness/probe.js';
import { spawner } from '../../harness/process.js';
import { runtimeCache } from '../../harness/runtime-objects.js';
import { sideLabel } from '../../harness/toolchains/toolchain.js';
import { versionOf } from '../../harness/toolchains/version.js';
import { ABIFUZZ_VERSION } from '../report/case-file.js';
import type { Finding } from '../check/finding.js';
import { checkBatch } from '../driver/check-batch.js';
import { trampolineFile } from '../emit/asm/trampolines.js';
import type { CaseInput, DriverContext } from '../driver/context.js';
import { writeAtomic } from '../report/atomic.js';
import type { CaseContext } from '../report/case-context.js';
import { bugInputOf } from '../report/filing.js';
import type { Signature } from '../model/types.js';
import { countRecord, emptySummary, type Summary } from '../report/summary.js';
import { SHRINK_CHUNK } from '../shrink/shrink.js';
import type { RunConfig } from './config.js';
import { fileBug } from './file-bug.js';
import { FindingSink } from './finding-sink.js';
import { pairExplainer } from './known.js';
import { judgeFor } from './judge.js';
import { callerChecks, modelRoles } from './model.js';

export interface Progress {
  generated: number; checked: number; skipped: number; findings: number; total: number | null; elapsedMs: number;
  /** Distinct problems so far. */
  buckets: number;
  /** Findings waiting for or under shrinking. */
  shrinking: number;
  /** Milliseconds spent shrinking so far (summed), left out of the fuzzing rate. */
  shrinkMs: number;
}

export interface RunHooks {
  onProgress?(p: Progress): void;
  onWarning?(w: string): void;
}

export function runId(seed: number, now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-s${seed}`;
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

export async function fuzz(cfg: RunConfig, stop: AbortSignal, hooks: RunHooks = {}): Promise<Summary> {
  const started = Date.now();
  const id = runId(cfg.seed, new Date(started));
  const runDir = await freshDir(join(cfg.outDir, id));
  const scratch = cfg.keep ? join(runDir, 'batches') : await mkdtemp(join(os.tmpdir(), 'abifuzz-'));
  const spawn = spawner(cfg.jobs, basename(runDir)); // children carry the run's folder name
  const halt = new AbortController();
  let stopReason: string | undefined;
  const stopRun = (reason: string): void => {
    if (halt.signal.aborted) return;
    stopReason = reason;
    halt.abort();
    spawn.stopAll();
  };
  const onStop = (): void => stopRun(String(stop.reason ?? 'stopped'));
  if (stop.aborted) onStop();
  stop.addEventListener('abort', onStop);

  const build = { spawn, compileTimeoutMs: cfg.compileTimeoutMs };
  const probes = prober(build);
  const explain = cfg.showKnown ? () => undefined : await pairExplainer(cfg, probes);
  const models = await modelRoles(cfg.target, cfg.caller, cfg.callee, probes);
  const checks = await callerChecks(cfg.target, cfg.caller, cfg.callee, probes);
  const ctx: DriverContext = {
    target: cfg.target, caller: cfg.caller, callee: cfg.callee, linker: cfg.linker, runner: cfg.runner,
    build, probes, runtime: runtimeCache(build, join(scratch, 'runtime')), runTimeoutMs: cfg.runTimeoutMs,
    seed: cfg.seed, workDir: scratch, keep: cfg.keep, explain, models,
    trampolines: trampolineFile(cfg.target), checks,
  };
  const versions = { caller: await versionOf(spawn, cfg.caller, ABIFUZZ_VERSION), callee: await versionOf(spawn, cfg.callee, ABIFUZZ_VERSION) };
  const caseCtx: CaseContext = {
    target: cfg.target, seed: cfg.seed, caller: cfg.caller, callee: cfg.callee, linker: cfg.linker, runner: cfg.runner, limits: cfg.limits, spawn, models, checks, versions,
  };
  const summary = emptySummary({
    target: cfg.target.id, seed: cfg.seed, runDir, disabledFeatures: cfg.disabledFeatures,
    caller: { toolchain: cfg.caller.tc.id, flags: cfg.caller.flags, version: versions.caller },
    callee: { toolchain: cfg.callee.tc.id, flags: cfg.callee.flags, version: versions.callee },
  });
  const shrinkCtx = {
    dataModel: cfg.target.dataModel, seed: cfg.seed, limits: cfg.limits, chunk: SHRINK_CHUNK,
    budgetMs: cfg.shrinkBudgetSec * 1000, shrink: cfg.shrink, signal: halt.signal,
    ...(cfg.timeSec ? { deadline: started + cfg.timeSec * 1000 } : {}),
    async runCandidates(cands: CaseInput[], deadline?: number): Promise<Map<number, Finding[]>> {
      const r = await checkBatch({ ...ctx, workDir: join(scratch, 'shrink'), keep: false, explain: () => undefined, ...(deadline !== undefined && deadline !== Infinity ? { deadline } : {}) }, cands);
      return new Map(r.records.map((rec) => [rec.index, rec.findings]));
    },
  };
  const judge = cfg.showKnown ? null : await judgeFor(ctx);
  const blamer = await judgeFor({ ...ctx, workDir: join(scratch, 'blame') });
  const pathOf = new Map((cfg.only ?? []).map((o) => [o.index, o.shrinkPath]));
  let generated = 0;
  const total = cfg.only ? cfg.only.length : cfg.timeSec ? null : cfg.runs;
  const progress = (): void => hooks.onProgress?.({
    generated, checked: summary.signaturesChecked, skipped: summary.skipped, findings: summary.findings.length,
    buckets: sink.buckets.list().length, shrinking: sink.pending, shrinkMs: sink.shrinkMs, total, elapsedMs: Date.now() - started,
  });
  const sink = new FindingSink(runDir, caseCtx, summary, shrinkCtx, `${cfg.target.id} | ${sideLabel(cfg.caller)} -> ${sideLabel(cfg.callee)}`,
    (index) => pathOf.get(index) ?? String(index), {
      onWarning: (w) => hooks.onWarning?.(w),
      onWriteError: (m) => stopRun(m),
      onChange: progress,
      started,
      ...(blamer ? { blame: (f: Finding, c: CaseInput) => blamer.blame(f, c) } : {}),
      file: (f: Finding, sig: Signature, shrinkPath: string) => fileBug(caseCtx, join(scratch, `file-${f.index}`), bugInputOf(caseCtx, f, sig, shrinkPath)),
    });

  const deadline = cfg.timeSec ? started + cfg.timeSec * 1000 : Infinity;
  // Enough batches to keep every job busy, but no smaller than needed.
  const batchSize = total === null ? cfg.batch : Math.max(1, Math.min(cfg.batch, Math.ceil(total / cfg.jobs)));
  // --time with --shard i/n: batch k of the stream is this job's when k = i-1 (mod n).
  const stripe = total === null && cfg.shard ? cfg.shard : null;
  let batchNo = 0;
  let next = 0;
  const takeBatch = (): CaseInput[] | null => {
    if (halt.signal.aborted || Date.now() >= deadline) return null;
    if (cfg.only) {
      if (next >= cfg.only.length) return null;
      return cfg.only.slice(next, (next += batchSize));
    }
    const count = total === null ? batchSize : Math.min(batchSize, total - next);
    if (count <= 0) return null;
    const from = stripe ? (batchNo++ * stripe.count + stripe.index - 1) * batchSize : next;
    const sigs = generateSignatures(cfg.target.dataModel, cfg.limits, cfg.seed, cfg.start + from, count);
    next += count;
    return sigs.map((sig) => ({ sig, index: Number(sig.name.slice(1)) }));
  };
  const reported = new Set<string>();
  await cfg.runner.prepare?.();
  try {
    const inflight = new Set<Promise<void>>();
    // One batch more than jobs in flight: while one links or runs, the others compile.
    for (;;) {
      while (inflight.size < cfg.jobs + 1) {
        const b = takeBatch();
        if (!b) break;
        generated += b.length;
        const p = checkBatch(ctx, b).then(async (r) => {
          if (judge && !halt.signal.aborted) await judge.explainByDialects(r.records);
          for (const rec of r.records) for (const f of rec.findings) await sink.take(f, { sig: rec.sig, index: rec.index });
          r.records.forEach((rec) => countRecord(summary, rec));
          for (const t of r.probeTrouble) {
            if (reported.has(t.key)) continue;
            reported.add(t.key);
            await sink.take(t.finding, t.c);
          }
          progress();
        });
        inflight.add(p);
        const done = (): boolean => inflight.delete(p);
        p.then(done, done);
      }
      if (!inflight.size) break;
      await Promise.race(inflight);
    }
    await sink.drain();
  } finally {
    stop.removeEventListener('abort', onStop);
  }
  summary.signaturesGenerated = generated;
  summary.buckets = sink.buckets.list();
  if (!cfg.keep) await rm(scratch, { recursive: true, force: true });
  summary.interrupted = halt.signal.aborted;
  if (stopReason) summary.stopReason = stopReason;
  summary.elapsedMs = Date.now() - started;
  summary.phaseMs = Object.fromEntries(Object.entries(spawn.phaseMs).map(([k, v]) => [k, Math.round(v)]));
  summary.findings.sort((a, b) => a.index - b.index || a.kind.localeCompare(b.kind));
  try {
    await writeAtomic(join(runDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  } catch (e) {
    summary.interrupted = true;
    summary.stopReason = `cannot write ${join(runDir, 'summary.json')}: ${(e as Error).message.split('\n')[0]}`;
  }
  return summary;
}
