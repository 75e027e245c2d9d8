// The build stage of one batch: emit, compile both sides, and for every side that fails find the
// functions that made it fail (by the lines its errors name, else by bisecting the batch), then
// link. A function one compiler crashes or hangs on is a finding; one it rejects is a finding only
// when the other compiler accepts the same declaration; the rest of the batch is built again.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compile, firstError, glueSide, link, type CompileOutcome } from '../../harness/build.js';
import { isCxx, sideLabel, type Side } from '../../harness/toolchains/toolchain.js';
import type { CompilerEvent, Finding, FindingKind } from '../check/finding.js';
import { emitBatch, type EmittedBatch } from '../emit/c-batch.js';
import { emitLayout } from '../emit/model/party.js';
import { cxxCompatible } from '../emit/cxx.js';
import { declarationWithTypes } from '../emit/declaration.js';
import { isolate } from './bisect.js';
import { asmObjectOf, asmSourceOf, isModel, objectOf, objectsOf, otherRole, ROLES, sideOf, sourceOf, type CaseInput, type DriverContext, type Role } from './context.js';
import type { Recorder } from './recorder.js';

// Every round that does not link takes at least one function out, and a crash that names its
// function takes just that one (one compile, where bisecting it takes about 2 log2(n)): a batch
// with a dozen such functions needs a dozen rounds.
const MAX_ROUNDS = 32;

export type BuildStage =
  | { kind: 'built'; exe: string; live: CaseInput[]; commands: string[] }
  /** No case is left to run: each has its record. */
  | { kind: 'done' };

type Failed = Exclude<CompileOutcome, { kind: 'built' | 'interrupted' }>;

function emit(ctx: DriverContext, cases: CaseInput[]): EmittedBatch {
  const meta = { seed: ctx.seed, target: ctx.target.id, caller: sideLabel(ctx.caller), callee: sideLabel(ctx.callee), ...(isCxx(ctx.caller) || isCxx(ctx.callee) ? { cplusplus: true } : {}) };
  return emitBatch(cases, emitLayout(ctx.target.dataModel, ctx.models), meta, ctx.checks, ctx.models);
}

/** Compiles one side of the batch in `dir`: its C file, and the model's assembly when it is the model. */
async function compileRole(ctx: DriverContext, role: Role, dir: string): Promise<CompileOutcome> {
  const side = sideOf(ctx, role);
  const model = ctx.models[role];
  const c = await compile(ctx.build, model ? glueSide(side, model.glueFlags) : side, dir, sourceOf(role), objectOf(role));
  if (c.kind !== 'built' || !model) return c;
  return compile(ctx.build, side, dir, asmSourceOf(role), asmObjectOf(role));
}

async function writeBatch(dir: string, batch: EmittedBatch): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(batch.files)) await writeFile(join(dir, name), text);
}

/** Compiles one side's file of a batch of just `cases` in a folder of its own. */
async function compileAlone(ctx: DriverContext, role: Role, cases: CaseInput[], dir: string): Promise<CompileOutcome> {
  await writeBatch(dir, emit(ctx, cases));
  try {
    return await compileRole(ctx, role, dir);
  } finally {
    if (!ctx.keep) await rm(dir, { recursive: true, force: true });
  }
}

function compilerEvent(role: Role, side: Side, message: string, command: string, file: string, source?: string): CompilerEvent {
  return { side: role, toolchain: side.tc.id, flags: side.flags, message, command, file, ...(source ? { source } : {}) };
}

const firstLine = (s: string): string => s.split('\n').find((l) => l.trim())?.trim() ?? s;

function compilerFinding(kind: FindingKind, c: CaseInput, ev: CompilerEvent, what: string): Finding {
  const said = kind === 'compiler-crash' ? crashHeadline(ev.message) : firstLine(ev.message);
  return { kind, index: c.index, function: c.sig.name, compiler: ev, detail: `${c.sig.name}: ${[ev.toolchain, ...ev.flags].join(' ')} ${what}: ${said}` };
}

/**
 * A function a failed compile is about, with what happened to it; or one of a group that fails only
 * together (no part of it fails alone), which is reported once, on the group's first function.
 */
type Culprit = { c: CaseInput; outcome: Failed; group?: CaseInput[] } | { c: CaseInput; joins: CaseInput; size: number };

/** The functions of `live` a failed compile of `role` is about, each with what happened to it. */
async function culprits(ctx: DriverContext, role: Role, live: CaseInput[], batch: EmittedBatch, failed: Failed, dir: string): Promise<Culprit[]> {
  if (failed.kind === 'rejected') {
    const owner = (file: string, line: number): number | undefined =>
      batch.spans[file as keyof EmittedBatch['spans']]?.find((s) => line >= s.first && line <= s.last)?.index;
    const placed = failed.errors.map((e) => ({ e, index: owner(e.file, e.line) }));
    if (placed.length && placed.every((p) => p.index !== undefined)) {
      const byIndex = new Map<number, string>();
      for (const p of placed) if (!byIndex.has(p.index!)) byIndex.set(p.index!, p.e.text);
      return live.filter((c) => byIndex.has(c.index)).map((c) => ({ c, outcome: { ...failed, errors: failed.errors.filter((_, i) => placed[i]!.index === c.index) } }));
    }
  }
  // A crash whose stack dump names the function it was compiling: that one, no bisection.
  const named = failed.kind === 'crashed' ? crashedFunction(failed.message, live) : undefined;
  if (named) return [{ c: named, outcome: failed }];
  // No line to go by (a crash, a hang, an error outside any function): bisect the batch.
  let n = 0;
  // A compiler that breaks (a crash or a hang) may break the other way on a part: a memory blow-up
  // that outlasts the timeout in the batch runs out of memory (prlimit) alone. Both lead on.
  const broke = (k: CompileOutcome['kind']): boolean => k === 'crashed' || k === 'timed-out';
  const same = (o: CompileOutcome): o is Failed => o.kind === failed.kind || (broke(o.kind) && broke(failed.kind));
  const found = await isolate(live, failed, async (xs) => {
    const o = await compileAlone(ctx, role, xs, join(dir, `bisect-${role}-${n++}`));
    return same(o) ? o : null;
  });
  const out: Culprit[] = found.culprits.map(({ item, result }) => ({ c: item, outcome: result }));
  // Only together: one finding for the group (on its first function), the others counted with it.
  const [first, ...rest] = found.together;
  if (first) out.push(rest.length ? { c: first, outcome: failed, group: found.together } : { c: first, outcome: failed });
  for (const c of rest) out.push({ c, joins: first!, size: found.together.length });
  return out;
}

/**
 * A function `role` rejects: a finding only when the other compiler accepts its declaration alone;
 * otherwise a counted skip that says what was rejected.
 */
async function judgeRejection(ctx: DriverContext, rec: Recorder, role: Role, c: CaseInput, error: string): Promise<void> {
  // A pair with a C++ side: the declaration as abi.h gives it to both (C's _Bool, C linkage).
  const source = `${isCxx(ctx.caller) || isCxx(ctx.callee) ? cxxCompatible(declarationWithTypes(c.sig)) : declarationWithTypes(c.sig)}\n`;
  const mine = await ctx.probes.source(sideOf(ctx, role), source);
  const theirs = await ctx.probes.source(sideOf(ctx, otherRole(role)), source);
  for (const [r, o] of [[role, mine], [otherRole(role), theirs]] as const) {
    if (o.kind === 'crashed' || o.kind === 'timed-out') {
      const kind = o.kind === 'crashed' ? 'compiler-crash' : 'compiler-hang';
      const ev = compilerEvent(r, sideOf(ctx, r), o.kind === 'crashed' ? o.message : `no result within ${ctx.build.compileTimeoutMs} ms`, o.command, 'probe.c', source);
      return rec.found(c, 'build', { kind }, [compilerFinding(kind, c, ev, o.kind === 'crashed' ? 'crashes on its declaration' : 'hangs on its declaration')]);
    }
    if (o.kind === 'interrupted') return rec.record(c, 'build', { kind: 'interrupted' });
  }
  const [a, b] = [sideLabel(sideOf(ctx, role)), sideLabel(sideOf(ctx, otherRole(role)))];
  if (mine.kind === 'rejected' && theirs.kind === 'accepted') {
    const ev = compilerEvent(role, sideOf(ctx, role), mine.message, '', 'probe.c', source);
    return rec.found(c, 'build', { kind: 'compile-error' }, [compilerFinding('compile-error', c, ev, `rejects the declaration ${b} accepts`)]);
  }
  if (mine.kind === 'accepted' && theirs.kind === 'rejected') {
    const ev = compilerEvent(otherRole(role), sideOf(ctx, otherRole(role)), theirs.message, '', 'probe.c', source);
    return rec.found(c, 'build', { kind: 'compile-error' }, [compilerFinding('compile-error', c, ev, `rejects the declaration ${a} accepts`)]);
  }
  const reason = mine.kind === 'rejected'
    ? `both reject the declaration: ${a === b ? a : `${a} and ${b}`}: ${firstLine(mine.message)}`
    : `${a} rejects the ${role} code of a declaration both accept: ${firstLine(error)}`;
  rec.record(c, 'build', { kind: 'rejected', reason });
}

async function settleCompile(ctx: DriverContext, rec: Recorder, role: Role, c: CaseInput, o: Failed, group?: CaseInput[]): Promise<void> {
  const side = sideOf(ctx, role);
  if (isModel(ctx, role)) {
    // The model's glue and assembly must always build: when they do not, abifuzz is wrong, not a compiler.
    const said = o.kind === 'rejected' ? (o.errors[0]?.text ?? firstError(o.stderr)) : o.kind === 'crashed' ? o.message : 'timed out';
    return rec.record(c, 'build', { kind: 'rejected', reason: `the model's ${role} side does not build (a bug of abifuzz): ${firstLine(said)}` });
  }
  if (o.kind === 'rejected') return judgeRejection(ctx, rec, role, c, o.errors[0]?.text ?? firstError(o.stderr));
  const hang = o.kind === 'timed-out';
  const message = hang ? `no result within ${o.afterMs} ms` : o.message;
  const ev = compilerEvent(role, side, message, o.command, sourceOf(role));
  const kind = hang ? 'compiler-hang' : 'compiler-crash';
  const what = `${hang ? 'hangs' : 'crashes'} compiling ${sourceOf(role)}${group ? ` ${togetherText(group)}` : ''}`;
  return rec.found(c, 'build', { kind }, [compilerFinding(kind, c, ev, what)]);
}

/**
 * Where a crash message names the function it was compiling: clang's stack dump "Running pass 'X86
 * FP Stackifier' on function '@f31'" (or '@"\01f31@@16"', decorated) or its front end's "LLVM IR
 * generation of declaration 'f105'", gcc's "In function 'f31'" before its ICE; in the caller, the
 * test function that calls it ('@abifuzz_test_28' calls f28).
 */
const NAMES_FUNCTION = [
  /on function '@"?(?:\\01)?(f\d+|abifuzz_test_\d+)\b/,
  /In function [‘'](f\d+|abifuzz_test_\d+)[’']/,
  /(?:IR generation of|Generating code for) declaration '(f\d+)'/,
];

/** The function of `live` a compiler crash names (NAMES_FUNCTION), if one does. */
export function crashedFunction(message: string, live: readonly CaseInput[]): CaseInput | undefined {
  const name = NAMES_FUNCTION.map((re) => re.exec(message)?.[1]).find((n) => n !== undefined);
  const test = name && /^abifuzz_test_(\d+)$/.exec(name);
  return name ? live.find((c) => (test ? c.index === Number(test[1]) : c.sig.name === name)) : undefined;
}

/** The line of a crash message that says most: the pass and function, the assertion, the ICE. */
export function crashHeadline(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  const say = [/on function '/, /Assertion .* failed|LLVM ERROR|internal compiler error|error:/, /PLEASE submit|Stack dump/];
  for (const re of say) {
    const l = lines.find((x) => re.test(x));
    if (l) return l.replace(/^\d+\.\s*/, '');
  }
  return lines[0] ?? message;
}

/** How a group that fails only together is named: its size and its first functions. */
function togetherText(group: CaseInput[]): string {
  const names = group.slice(0, 6).map((g) => g.sig.name).join(', ');
  return `only with all ${group.length} functions of its group together (${names}${group.length > 6 ? ', ...' : ''}; no part of the group alone)`;
}

export async function buildStage(ctx: DriverContext, rec: Recorder, cases: CaseInput[], dir: string): Promise<BuildStage> {
  let live = cases;
  for (let round = 0; round < MAX_ROUNDS && live.length; round++) {
    const batch = emit(ctx, live);
    await writeBatch(dir, batch);
    const outcomes = await Promise.all(ROLES.map((role) => compileRole(ctx, role, dir)));
    if (outcomes.some((o) => o.kind === 'interrupted')) {
      live.forEach((c) => rec.record(c, 'build', { kind: 'interrupted' }));
      return { kind: 'done' };
    }
    const bad = new Set<number>();
    for (const [i, role] of ROLES.entries()) {
      const o = outcomes[i]!;
      if (o.kind === 'built' || o.kind === 'interrupted') continue;
      // The callee's culprits may be what broke the caller too (a crash on the call of f28 in
      // abifuzz_test_28): the next round builds the caller without them and says.
      if (bad.size) break;
      for (const x of await culprits(ctx, role, live, batch, o, dir)) {
        bad.add(x.c.index);
        if ('joins' in x) rec.record(x.c, 'build', { kind: 'not-run', reason: `the ${role} compile fails only with the ${x.size} functions of a group together: reported once, on the group's first function` });
        else await settleCompile(ctx, rec, role, x.c, x.outcome, x.group);
      }
    }
    if (bad.size) {
      live = live.filter((c) => !bad.has(c.index));
      continue;
    }
    const runtime = await ctx.runtime(ctx.linker, ctx.trampolines);
    if (!runtime.ok) {
      live.forEach((c) => rec.record(c, 'link', runtime.message === 'interrupted' ? { kind: 'interrupted' } : { kind: 'link-failed', reason: runtime.message }));
      return { kind: 'done' };
    }
    const ln = await link(ctx.build, ctx.linker, dir, [...objectsOf(ctx, 'caller'), ...objectsOf(ctx, 'callee'), ...runtime.objects], 'test.exe');
    if (ln.kind === 'linked') return { kind: 'built', exe: join(dir, 'test.exe'), live, commands: [...outcomes.map((o) => o.command), ln.command] };
    if (ln.kind === 'interrupted') {
      live.forEach((c) => rec.record(c, 'link', { kind: 'interrupted' }));
      return { kind: 'done' };
    }
    // A symbol one compiler names differently (vectorcall's f@@N decoration) drops just those functions.
    const undefinedFns = ln.kind === 'link-failed' ? new Set([...ln.stderr.matchAll(/undefined reference to `f(\d+)(?:@|')/g)].map((m) => Number(m[1]))) : new Set<number>();
    const reason = ln.kind === 'timed-out'
      ? `the link timed out after ${ln.afterMs} ms`
      : undefinedFns.size ? `${ctx.caller.tc.id} and ${ctx.callee.tc.id} name the function differently` : `link failed: ${ln.message}`;
    for (const c of live) if (!undefinedFns.size || undefinedFns.has(c.index)) rec.record(c, 'link', { kind: 'link-failed', reason });
    if (!undefinedFns.size) return { kind: 'done' };
    live = live.filter((c) => !undefinedFns.has(c.index));
  }
  live.forEach((c) => rec.record(c, 'build', { kind: 'rejected', reason: `still failing to build after ${MAX_ROUNDS} rounds` }));
  return { kind: 'done' };
}
