// abifuzz fuzz: resolve the configuration (the only place that throws), then run the pipeline.
import { randomInt } from 'node:crypto';
import { availableScalars, DEFAULT_LIMITS, FAST_CHECK_PATH, withoutTypes, withWeights, type Limits } from '../../../generators/index.js';
import { defaultPair } from '../../../harness/toolchains/registry.js';
import { sideLabel } from '../../../harness/toolchains/toolchain.js';
import { UsageError } from '../../errors.js';
import {
  applyPairRules, checkFlags, checkLimits, checkOutDir, DEFAULT_TIMEOUTS, probeBitInt, probeFloat16, resolvePair, signatureAtPath, type RunConfig,
} from '../../pipeline/config.js';
import { hostTarget, targetById } from '../../targets/index.js';
import type { Target } from '../../targets/target.js';
import { splitFlags } from '../options.js';
import { runAndReport } from '../run-and-report.js';

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
  timeout?: number;
  compileTimeout?: number;
  start?: number;
  /** --shard i/n. */
  shard?: { index: number; count: number };
  baseline?: string;
  junit?: string;
  markdown?: string;
  /** commander's --no-types: false (never given), or the list. */
  types?: string | false;
  /** --weights name=N,... */
  weights?: string;
}

/**
 * --conventions a,b | all | none → the attributes to fuzz; unknown names are usage errors. 'all' is
 * the target's default set; its opt-in ones (Target.extraConventions) only when named.
 */
function conventionsOf(spec: string | undefined, target: Target): string[] {
  const available = target.conventions;
  if (spec === undefined || spec === 'all') return available;
  if (spec === 'none') return [];
  const known = [...available, ...(target.extraConventions ?? [])];
  const asked = spec.split(',').map((s) => s.trim()).filter(Boolean);
  for (const c of asked)
    if (!known.includes(c))
      throw new UsageError(`convention '${c}' is not one of ${target.id}'s (${known.length ? known.join(', ') : 'it has none'})`, 'ABIFUZZ_UNKNOWN_CONVENTION');
  return asked;
}

export async function fuzzConfig(opts: FuzzCliOptions): Promise<RunConfig> {
  const target = targetById(opts.target ?? hostTarget());
  const [defCaller, defCallee] = defaultPair(target);
  const pair = resolvePair(target,
    { toolchain: opts.caller ?? defCaller, flags: splitFlags(opts.callerFlags, '--caller-flags') },
    { toolchain: opts.callee ?? defCallee, flags: splitFlags(opts.calleeFlags, '--callee-flags') });
  if (opts.runs !== undefined && opts.time !== undefined) throw new UsageError('give --runs or --time, not both');
  let limits: Limits = {
    ...DEFAULT_LIMITS,
    maxParams: opts.maxParams ?? DEFAULT_LIMITS.maxParams,
    maxFields: opts.maxFields ?? DEFAULT_LIMITS.maxFields,
    maxDepth: opts.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    conventions: conventionsOf(opts.conventions, target),
  };
  checkLimits(limits);
  if (opts.weights !== undefined) {
    const l = withWeights(limits, opts.weights);
    if (typeof l === 'string') throw new UsageError(l, 'ABIFUZZ_BAD_WEIGHTS');
    limits = l;
  }
  if (typeof opts.types === 'string') {
    const l = withoutTypes(limits, opts.types.split(',').map((t) => t.trim()).filter(Boolean), availableScalars(target.dataModel));
    if (typeof l === 'string') throw new UsageError(l, 'ABIFUZZ_BAD_TYPES');
    limits = l;
  }
  if (opts.path !== undefined && opts.seed === undefined) throw new UsageError('--path needs the --seed it belongs to');
  if (opts.index !== undefined && opts.path === undefined) throw new UsageError('--index goes with --path');
  if (opts.path !== undefined && !FAST_CHECK_PATH.test(opts.path)) throw new UsageError(`--path must look like 42 or 42:0:3, got '${opts.path}'`);
  const seed = opts.seed ?? randomInt(0, 2 ** 31 - 1);
  const compileTimeoutMs = (opts.compileTimeout ?? DEFAULT_TIMEOUTS.compileSec) * 1000;
  await checkOutDir(opts.out);
  await checkFlags([pair.caller, pair.callee], compileTimeoutMs);
  const rules = applyPairRules(target, pair.caller, pair.callee, limits);
  const f16 = await probeFloat16(pair.caller, pair.callee, rules.limits, compileTimeoutMs);
  const bitInt = await probeBitInt(pair.caller, pair.callee, f16.limits, compileTimeoutMs);
  limits = bitInt.limits;
  const only = opts.path === undefined ? undefined : (() => {
    const index = opts.index ?? Number(opts.path.split(':')[0]);
    return [{ sig: signatureAtPath(target, limits, seed, opts.path, index), index, shrinkPath: opts.path }];
  })();
  // --runs R --shard i/n: the i-th of n equal slices of [start, start + R).
  const runs = opts.runs ?? 1000;
  const slice = opts.shard && opts.time === undefined
    ? { start: (opts.start ?? 0) + Math.floor(((opts.shard.index - 1) * runs) / opts.shard.count), runs: Math.floor((opts.shard.index * runs) / opts.shard.count) - Math.floor(((opts.shard.index - 1) * runs) / opts.shard.count) }
    : { start: opts.start ?? 0, runs };
  return {
    target, ...pair, seed, runs: slice.runs, start: slice.start, ...(opts.shard ? { shard: opts.shard } : {}), timeSec: opts.time, batch: opts.batch, jobs: opts.jobs, outDir: opts.out,
    keep: opts.keep ?? false, showKnown: opts.showKnown ?? false, limits, disabledFeatures: [...rules.disabled, ...f16.disabled, ...bitInt.disabled],
    only, shrink: opts.shrink ?? true, shrinkBudgetSec: opts.shrinkTime ?? 120,
    compileTimeoutMs, runTimeoutMs: (opts.timeout ?? DEFAULT_TIMEOUTS.runSec) * 1000,
  };
}

export async function fuzzCommand(opts: FuzzCliOptions): Promise<number> {
  const cfg = await fuzzConfig(opts);
  if (!opts.json) process.stderr.write(`abifuzz: ${cfg.target.id} ${sideLabel(cfg.caller)} calls ${sideLabel(cfg.callee)}, seed ${cfg.seed}\n`);
  return runAndReport(cfg, { json: opts.json ?? false, baseline: opts.baseline, junit: opts.junit, markdown: opts.markdown });
}
