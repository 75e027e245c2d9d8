// A run's configuration, resolved and validated before any work: the only place (with the CLI's
// option parsers) a UsageError can come from. Toolchains must exist, their flags must compile an
// empty file, --out must take files, the runner must be installed.
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { BITINT_MAX, nameSignature, signatureAt, validateLimits, type Limits } from '../../generators/index.js';
import { compile, type BuildContext } from '../../harness/build.js';
import { bitIntFeature, prober } from '../../harness/probe.js';
import { spawner } from '../../harness/process.js';
import { runnerFor, type Runner } from '../../harness/runners/index.js';
import { linkerOf, resolveToolchain } from '../../harness/toolchains/registry.js';
import { sideLabel, type Side } from '../../harness/toolchains/toolchain.js';
import { UsageError } from '../errors.js';
import type { Signature } from '../model/types.js';
import type { DisabledFeature } from '../report/summary.js';
import type { Target } from '../targets/target.js';
import { checkModelSupported } from './model.js';

export interface RunConfig {
  target: Target;
  caller: Side;
  callee: Side;
  linker: Side;
  runner: Runner;
  seed: number;
  /** Signatures to generate; ignored when timeSec is set. */
  runs: number;
  /** Index of the first signature (the stream of a seed is indexed from 0). */
  start: number;
  /**
   * This job's part of the index space (`--shard i/n`): with --runs, the i-th of n equal slices;
   * with --time, every n-th batch from the i-th. Disjoint and deterministic across the n jobs.
   */
  shard?: { index: number; count: number };
  timeSec?: number;
  batch: number;
  jobs: number;
  outDir: string;
  keep: boolean;
  /** Report findings that a known-issue rule explains as findings too. */
  showKnown: boolean;
  limits: Limits;
  /** Generator features turned off for this pair, with why: said in the summary. */
  disabledFeatures: DisabledFeature[];
  /** Only these cases (replay, --path): the signature at each fast-check path, named by index. */
  only?: { sig: Signature; index: number; shrinkPath: string }[];
  /** Shrink the first finding of each kind of problem; off still isolates it. */
  shrink: boolean;
  shrinkBudgetSec: number;
  compileTimeoutMs: number;
  runTimeoutMs: number;
}

export const DEFAULT_TIMEOUTS = { compileSec: 120, runSec: 30 } as const;

export interface SideRequest {
  toolchain: string;
  flags: string[];
}

/** The pair's toolchains, the linker and the runner; missing ones are usage errors naming their package. */
export function resolvePair(target: Target, caller: SideRequest, callee: SideRequest): Pick<RunConfig, 'caller' | 'callee' | 'linker' | 'runner'> {
  const resolved = {
    caller: { tc: resolveToolchain(target, caller.toolchain), flags: caller.flags },
    callee: { tc: resolveToolchain(target, callee.toolchain), flags: callee.flags },
    linker: linkerOf(target),
    runner: runnerFor(target),
  };
  checkModelSupported(target, [resolved.caller, resolved.callee]);
  if (!resolved.runner.available())
    throw new UsageError(`${target.id} runs under '${resolved.runner.id}', not found (install the Debian package '${resolved.runner.debianPackage}')`, 'ABIFUZZ_MISSING_RUNNER');
  return resolved;
}

/** The pair rules of the target that apply: scalars and conventions off, each with its reason. */
export function applyPairRules(target: Target, caller: Side, callee: Side, limits: Limits): { limits: Limits; disabled: DisabledFeature[] } {
  const disabled: DisabledFeature[] = [];
  let out = limits;
  for (const rule of target.pairRules) {
    if (caller.tc.family !== rule.family && callee.tc.family !== rule.family) continue;
    for (const s of rule.exclude ?? []) disabled.push({ feature: s, reason: rule.reason });
    for (const c of (rule.dropConventions ?? []).filter((c) => out.conventions.includes(c))) disabled.push({ feature: `convention ${c}`, reason: rule.reason });
    const weights = { ...out.weights };
    for (const w of (rule.dropWeights ?? []).filter((w) => (weights[w] ?? 0) > 0)) {
      disabled.push({ feature: w, reason: rule.reason });
      weights[w] = 0;
    }
    out = {
      ...out,
      weights,
      exclude: [...(out.exclude ?? []), ...(rule.exclude ?? [])],
      conventions: out.conventions.filter((c) => !(rule.dropConventions ?? []).includes(c)),
    };
  }
  return { limits: out, disabled };
}

/** --out must exist (or be creatable) and take a file: else a usage error before any work. */
export async function checkOutDir(outDir: string): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true });
    await access(outDir, constants.W_OK);
    const probe = join(outDir, `.abifuzz-write-test-${process.pid}`);
    await writeFile(probe, 'x');
    await rm(probe, { force: true });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot write results to --out ${outDir}: ${err.code ?? err.message}`, 'ABIFUZZ_BAD_OUT');
  }
}

/**
 * Each side's flags on an empty file: a flag the compiler rejects (or crashes on) is a usage error
 * naming the flag and the compiler's words, never a run of silent skips.
 */
export async function checkFlags(sides: Side[], compileTimeoutMs: number): Promise<void> {
  const spawn = spawner(2);
  const ctx: BuildContext = { spawn, compileTimeoutMs };
  const dir = await mkdtemp(join(os.tmpdir(), 'abifuzz-flags-'));
  try {
    await writeFile(join(dir, 'empty.c'), 'int abifuzz_empty;\n');
    for (const side of sides) {
      if (!side.flags.length || side.tc.family === 'model') continue;
      const o = await compile(ctx, side, dir, 'empty.c', 'empty.o');
      if (o.kind === 'built') continue;
      const said = o.kind === 'rejected' ? (o.errors[0]?.text ?? o.stderr.split('\n').find((l) => l.trim()) ?? '').trim()
        : o.kind === 'crashed' ? o.message.split('\n')[0] : o.kind;
      throw new UsageError(`${sideLabel(side)}: the flags ${side.flags.join(' ')} do not compile an empty file: ${said}`, 'ABIFUZZ_BAD_FLAGS');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function checkLimits(limits: Limits): void {
  const bad = validateLimits(limits);
  if (bad) throw new UsageError(bad);
}

/** The signature at a fast-check path of the seed, named by `index`; a path the seed lacks is a usage error. */
export function signatureAtPath(target: Target, limits: Limits, seed: number, shrinkPath: string, index: number): Signature {
  try {
    return nameSignature(signatureAt(target.dataModel, limits, seed, shrinkPath), index);
  } catch {
    throw new UsageError(`seed ${seed} has no signature at path ${shrinkPath} (a path from another version of abifuzz or fast-check?)`, 'ABIFUZZ_BAD_PATH');
  }
}

/**
 * The widest band of `_BitInt` both sides accept (256, 128 or 64 bits), when the pair draws them at
 * all (weight bitint): each band given up is said in disabledFeatures, not silently. A model side
 * answers by its glue compiler (the prober sees to it).
 */
export async function probeBitInt(caller: Side, callee: Side, limits: Limits, compileTimeoutMs: number): Promise<{ limits: Limits; disabled: DisabledFeature[] }> {
  if (!limits.weights.bitint) return { limits, disabled: [] };
  const probes = prober({ spawn: spawner(2), compileTimeoutMs });
  const refusal = async (bits: number): Promise<string | null> => {
    for (const side of [caller, callee]) {
      const o = await probes.feature(side, bitIntFeature(bits));
      if (o.kind !== 'accepted') return `${side.tc.id} rejects it${o.kind === 'rejected' ? `: ${o.message}` : ` (probe ${o.kind})`}`;
    }
    return null;
  };
  const disabled: DisabledFeature[] = [];
  const widest = limits.bitIntMax ?? BITINT_MAX;
  const bands: [number, string][] = [[BITINT_MAX, '_BitInt wider than 128 bits'], [128, '_BitInt wider than 64 bits'], [64, '_BitInt']];
  for (const [bits, feature] of bands) {
    if (bits > widest) continue;
    const no = await refusal(bits);
    if (!no) return { limits: bits === widest ? limits : { ...limits, bitIntMax: bits }, disabled };
    disabled.push({ feature, reason: no });
  }
  return { limits: { ...limits, bitIntMax: 0 }, disabled };
}

/** _Float16 off for a pair one of whose compilers rejects it (said in disabledFeatures, not silently). */
export async function probeFloat16(caller: Side, callee: Side, limits: Limits, compileTimeoutMs: number): Promise<{ limits: Limits; disabled: DisabledFeature[] }> {
  if (!limits.float16) return { limits, disabled: [] };
  const probes = prober({ spawn: spawner(2), compileTimeoutMs });
  // A model side counts too: its C glue is compiled by the target's gcc.
  for (const side of [caller, callee]) {
    const o = await probes.feature(side, '_Float16');
    if (o.kind === 'rejected') return { limits: { ...limits, float16: false }, disabled: [{ feature: '_Float16', reason: `${side.tc.id} rejects it: ${o.message}` }] };
  }
  return { limits, disabled: [] };
}
