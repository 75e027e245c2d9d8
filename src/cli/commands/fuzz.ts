// abifuzz fuzz: resolve the configuration (the only place that throws), then run the pipeline.
import { randomInt } from 'node:crypto';
import { DEFAULT_LIMITS, FAST_CHECK_PATH, validateLimits, type Limits } from '../../../generators/index.js';
import { Exit, UsageError } from '../../errors.js';
import { fuzz, type Summary } from '../../pipeline.js';
import { hostTarget, requireRunnable, targetById } from '../../targets/index.js';
import { splitFlags } from '../options.js';
import { progressLine } from '../progress.js';
import { printSummary } from '../print.js';

export interface FuzzCliOptions {
  target?: string;
  caller?: string;
  callee?: string;
  callerFlags?: string;
  calleeFlags?: string;
  seed?: number;
  runs?: number;
  time?: number;
  batch: number;
  jobs: number;
  out: string;
  keep?: boolean;
  showKnown?: boolean;
  json?: boolean;
  maxParams?: number;
  maxFields?: number;
  maxDepth?: number;
  conventions?: string;
  shrink?: boolean;
  shrinkTime?: number;
  path?: string;
  index?: number;
}

/** --conventions a,b | all | none → the attributes to fuzz; unknown names are usage errors. */
function conventionsOf(spec: string | undefined, available: string[], target: string): string[] {
  if (spec === undefined || spec === 'all') return available;
  if (spec === 'none') return [];
  const asked = spec.split(',').map((s) => s.trim()).filter(Boolean);
  for (const c of asked)
    if (!available.includes(c))
      throw new UsageError(`convention '${c}' is not one of ${target}'s (${available.length ? available.join(', ') : 'it has none'})`, 'ABIFUZZ_UNKNOWN_CONVENTION');
  return asked;
}

export async function fuzzCommand(opts: FuzzCliOptions): Promise<number> {
  const target = targetById(opts.target ?? hostTarget());
  const [defCaller, defCallee] = target.defaultPair();
  const caller = { tc: target.resolveToolchain(opts.caller ?? defCaller), flags: splitFlags(opts.callerFlags) };
  const callee = { tc: target.resolveToolchain(opts.callee ?? defCallee), flags: splitFlags(opts.calleeFlags) };
  requireRunnable(target);
  if (opts.runs !== undefined && opts.time !== undefined) throw new UsageError('give --runs or --time, not both');
  const limits: Limits = {
    ...DEFAULT_LIMITS,
    maxParams: opts.maxParams ?? DEFAULT_LIMITS.maxParams,
    maxFields: opts.maxFields ?? DEFAULT_LIMITS.maxFields,
    maxDepth: opts.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    conventions: conventionsOf(opts.conventions, target.conventions, target.id),
  };
  const bad = validateLimits(limits);
  if (bad) throw new UsageError(bad);
  if (opts.path !== undefined && opts.seed === undefined) throw new UsageError('--path needs the --seed it belongs to');
  if (opts.index !== undefined && opts.path === undefined) throw new UsageError('--index goes with --path');
  const seed = opts.seed ?? randomInt(0, 2 ** 31 - 1);
  if (opts.path !== undefined && !FAST_CHECK_PATH.test(opts.path)) throw new UsageError(`--path must look like 42 or 42:0:3, got '${opts.path}'`);
  const only = opts.path === undefined ? undefined : [{ path: opts.path, index: opts.index ?? Number(opts.path.split(':')[0]) }];
  const header = (): void => {
    if (!opts.json) process.stderr.write(`abifuzz: ${target.id} ${[caller.tc.id, ...caller.flags].join(' ')} calls ${[callee.tc.id, ...callee.flags].join(' ')}, seed ${seed}\n`);
  };
  const progress = progressLine(process.stderr);
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let summary: Summary;
  try {
    summary = await fuzz(
      {
        target, caller, callee, seed, runs: opts.runs ?? 1000, timeSec: opts.time, batch: opts.batch, jobs: opts.jobs,
        outDir: opts.out, keep: opts.keep ?? false, showKnown: opts.showKnown ?? false, limits, onProgress: progress, only,
        shrink: opts.shrink ?? true, shrinkBudgetSec: opts.shrinkTime, onStart: header,
        onWarning: (w) => process.stderr.write(`\nabifuzz: warning: ${w}\n`),
      },
      abort.signal,
    );
  } finally {
    progress.end();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else printSummary(summary, process.stdout);
  if (summary.interrupted) return 130;
  return summary.findings.length ? Exit.findings : Exit.clean;
}
