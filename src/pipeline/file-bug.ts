// Runs a value finding's bug.c in its four combinations and asks each compiler for the function's
// assembly, so the report says which combinations fail and shows the instructions. A build that
// fails is a result of the combination, never an error of the run.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Spawner } from '../../harness/process.js';
import { runTests, windowsException } from '../../harness/run.js';
import { sideLabel, type Side } from '../../harness/toolchains/toolchain.js';
import type { Finding } from '../check/finding.js';
import type { Signature } from '../model/types.js';
import { bugC, compileBugC, linkBugC, type BugInput } from '../report/bug-c.js';
import type { CaseContext } from '../report/case-context.js';
import { callSiteAsm, COMBINATIONS, functionAsm, type AsmExcerpt, type Combination, type Filing } from '../report/filing.js';

const BUILD_MS = 120_000;
const RUN_MS = 30_000;

const firstLines = (text: string, n = 4): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, n);

async function build(spawn: Spawner, dir: string, argv: string[]): Promise<string | null> {
  const r = await spawn.run(argv[0]!, argv.slice(1), { cwd: dir, timeoutMs: BUILD_MS, phase: 'compile' });
  if (r.interrupted) return 'stopped';
  return r.exitCode === 0 && !r.timedOut ? null : firstLines(r.stderr, 1)[0] ?? `exit ${r.exitCode ?? r.signal}`;
}

/** Runs a linked combination: bug.c's exit 0 agrees, 1 disagrees; anything else is a crash or a hang. */
async function runCombination(ctx: CaseContext, exe: string, base: Omit<Combination, 'outcome' | 'lines'>): Promise<Combination> {
  const r = await runTests(ctx.spawn, ctx.runner, exe, null, RUN_MS);
  const lines = firstLines(r.stdout);
  // Under wine every non-zero exit reads as an exception; bug.c's own 1 is its verdict.
  if (r.kind === 'crash' && ctx.runner.outputToFile && r.signal === windowsException(1)) return { ...base, outcome: 'disagrees', lines };
  switch (r.kind) {
    case 'exited': return { ...base, outcome: r.code === 0 ? 'agrees' : 'disagrees', lines };
    case 'crash': return { ...base, outcome: 'crashed', lines: [r.signal, ...lines] };
    default: return { ...base, outcome: 'timed out', lines };
  }
}

/** bug.c in its four combinations: each side's main and function compiled once, then four links and runs. */
async function combinations(ctx: CaseContext, dir: string): Promise<Combination[]> {
  const sides = [ctx.caller, ctx.callee] as const;
  const mains: (string | null)[] = [];
  const fns: (string | null)[] = [];
  for (const [i, side] of sides.entries()) {
    mains.push(await build(ctx.spawn, dir, compileBugC(side, 'caller', `main${i}.o`)));
    fns.push(await build(ctx.spawn, dir, compileBugC(side, 'callee', `fn${i}.o`)));
  }
  const out: Combination[] = [];
  for (const [name, m, f] of COMBINATIONS) {
    const base = { name, caller: sideLabel(sides[m]), callee: sideLabel(sides[f]) };
    const exe = join(dir, `bug${m}${f}.exe`);
    const failed = mains[m] ?? fns[f] ?? (await build(ctx.spawn, dir, linkBugC(ctx.linker, [`main${m}.o`, `fn${f}.o`], exe)));
    out.push(failed ? { ...base, outcome: 'did not build', lines: [failed] } : await runCombination(ctx, exe, base));
  }
  return out;
}

/** The function's assembly by `side` (and main's call of it, for a return finding). */
async function assembly(ctx: CaseContext, dir: string, side: Side, f: Finding, sig: Signature, k: number): Promise<AsmExcerpt[]> {
  const asmOf = async (role: 'caller' | 'callee'): Promise<string> => {
    const out = `${role}${k}.s`;
    const argv = compileBugC(side, role, out).map((w) => (w === '-c' ? '-S' : w));
    const r = await ctx.spawn.run(argv[0]!, argv.slice(1), { cwd: dir, timeoutMs: BUILD_MS, phase: 'compile' });
    if (r.exitCode !== 0) return '';
    return readFile(join(dir, out), 'utf8').catch(() => '');
  };
  const out: AsmExcerpt[] = [];
  const fn = functionAsm(await asmOf('callee'), sig.name);
  if (fn.length) out.push({ compiler: sideLabel(side), what: `${sig.name} as compiled`, lines: fn });
  if (f.kind === 'return') {
    const call = callSiteAsm(await asmOf('caller'), sig.name);
    if (call.length) out.push({ compiler: sideLabel(side), what: `main around its call of ${sig.name}`, lines: call });
  }
  return out;
}

/** The filing of a value finding (null when bug.c cannot express it). Builds in `scratch`, removed after. */
export async function fileBug(ctx: CaseContext, scratch: string, input: BugInput): Promise<Filing | null> {
  const text = bugC(input);
  if (text === null) return null;
  await mkdir(scratch, { recursive: true });
  try {
    await writeFile(join(scratch, 'bug.c'), text);
    const ran = await combinations(ctx, scratch);
    // The pair's two compilers (one when both sides are the same toolchain); clang-cl spells -S otherwise.
    const sides = [ctx.caller, ...(ctx.callee.tc.id === ctx.caller.tc.id && ctx.callee.flags.join() === ctx.caller.flags.join() ? [] : [ctx.callee])];
    const asm: AsmExcerpt[] = [];
    for (const [k, s] of sides.filter((x) => x.tc.family !== 'clang-cl').entries()) asm.push(...(await assembly(ctx, scratch, s, input.finding, input.sig, k)));
    const skipped = sides.filter((x) => x.tc.family === 'clang-cl');
    return { combinations: ran, asm, ...(skipped.length ? { asmNote: `No assembly shown for ${skipped.map(sideLabel).join(', ')}: add /FA to its compile of bug.c.` } : {}) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
