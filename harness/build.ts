// Compile and link. Every outcome is a value: built, rejected (diagnostics that name the lines they
// hit), the compiler crashed (an internal compiler error or a signal: its message), timed out, or
// the run is stopping.
import type { ProcResult, Spawner } from './process.js';
import type { Side } from './toolchains/toolchain.js';

export interface Diagnostic {
  file: string;
  line: number;
  text: string;
}

export type CompileOutcome =
  | { kind: 'built'; command: string }
  | { kind: 'rejected'; command: string; stderr: string; errors: Diagnostic[] }
  | { kind: 'crashed'; command: string; stderr: string; message: string }
  | { kind: 'timed-out'; command: string; afterMs: number }
  | { kind: 'interrupted'; command: string };

export type LinkOutcome =
  | { kind: 'linked'; command: string }
  | { kind: 'link-failed'; command: string; stderr: string; message: string }
  | { kind: 'timed-out'; command: string; afterMs: number }
  | { kind: 'interrupted'; command: string };

/** How long a compile, link or probe may take, and who spawns it. */
export interface BuildContext {
  spawn: Spawner;
  compileTimeoutMs: number;
}

// No -w: it would also silence -pedantic-errors and -Werror=... that users pass on purpose.
const QUIET = ['-Wno-psabi'];

export function compileArgs(side: Side, src: string, obj: string): string[] {
  if (side.tc.family === 'clang-cl') return [...side.tc.targetArgs, '/c', src, `/Fo${obj}`, ...side.flags];
  return [...side.tc.targetArgs, ...QUIET, ...cxxArgs(side, src), '-c', src, '-o', obj, ...side.flags];
}

/** A C++ driver compiles the generated .c files as C++ (assembly, a model side's .S, stays as it is). */
const cxxArgs = (side: Side, src: string): string[] => (side.tc.lang === 'c++' && src.endsWith('.c') ? ['-x', 'c++'] : []);

/**
 * The side that compiles a model side's C glue: the speaker where it has its own struct layout,
 * with the flags that make the compiler lay structs out as the model assumes (i686: -mmmx).
 */
export const glueSide = (side: Side, layoutFlags: readonly string[]): Side => ({ tc: side.tc.glue ?? side.tc, flags: [...side.flags, ...layoutFlags] });

/** Link with the target's gcc driver (its C library, crt files and libgcc). */
export function linkArgs(linker: Side, objs: string[], exe: string): string[] {
  return [...linker.tc.targetArgs, ...objs, '-o', exe, ...linker.flags];
}

export function runtimeArgs(linker: Side, src: string, obj: string): string[] {
  return [...linker.tc.targetArgs, '-O1', ...QUIET, '-c', src, '-o', obj];
}

// gcc: "internal compiler error", clang: "PLEASE submit a bug report", "frontend command failed",
// "Stack dump:"; either: the driver's child killed by a signal.
export const CRASH_PATTERN = 'internal compiler error|PLEASE submit a bug report|frontend command failed|Stack dump:|unable to execute command|terminated by signal|killed \\(program cc1';
const CRASH = new RegExp(CRASH_PATTERN, 'i');

/** The first lines of a compiler crash (what the compiler said, the backtrace's start), or null. */
export function compilerCrash(r: Pick<ProcResult, 'signal' | 'stderr' | 'exitCode'>): string | null {
  const lines = r.stderr.split('\n');
  const at = lines.findIndex((l) => CRASH.test(l));
  if (at >= 0) return lines.slice(Math.max(0, at - 1), at + 12).join('\n').trim();
  if (r.signal) return `the compiler was killed by ${r.signal}${r.stderr ? `: ${lines.slice(0, 6).join('\n')}` : ''}`;
  return null;
}

/** gcc/clang say "file:line:col: error", clang-cl says "file(line,col): error". */
function diagnostics(stderr: string): Diagnostic[] {
  const re = /^([\w./-]+)(?::(\d+):(?:\d+:)?|\((\d+),\d+\):) (?:fatal )?error/;
  return stderr.split('\n').flatMap((l) => {
    const m = re.exec(l);
    return m ? [{ file: m[1]!.replace(/^.*\//, ''), line: Number(m[2] ?? m[3]), text: l.trim() }] : [];
  });
}

export async function compile(ctx: BuildContext, side: Side, dir: string, src: string, obj: string): Promise<CompileOutcome> {
  const args = compileArgs(side, src, obj);
  const r = await ctx.spawn.run(side.tc.bin, args, { cwd: dir, phase: 'compile', timeoutMs: ctx.compileTimeoutMs });
  const command = [side.tc.bin, ...args].join(' ');
  if (r.interrupted) return { kind: 'interrupted', command };
  if (r.timedOut) return { kind: 'timed-out', command, afterMs: ctx.compileTimeoutMs };
  const crash = compilerCrash(r);
  if (crash) return { kind: 'crashed', command, stderr: r.stderr, message: crash };
  if (r.exitCode === 0) return { kind: 'built', command };
  return { kind: 'rejected', command, stderr: r.stderr, errors: diagnostics(r.stderr) };
}

export async function link(ctx: BuildContext, linker: Side, dir: string, objs: string[], exe: string): Promise<LinkOutcome> {
  const args = linkArgs(linker, objs, exe);
  const r = await ctx.spawn.run(linker.tc.bin, args, { cwd: dir, phase: 'link', timeoutMs: ctx.compileTimeoutMs });
  const command = [linker.tc.bin, ...args].join(' ');
  if (r.interrupted) return { kind: 'interrupted', command };
  if (r.timedOut) return { kind: 'timed-out', command, afterMs: ctx.compileTimeoutMs };
  if (r.exitCode === 0) return { kind: 'linked', command };
  return { kind: 'link-failed', command, stderr: r.stderr, message: firstError(r.stderr) };
}

/** The line of a compiler's or linker's stderr that says what went wrong. */
export const firstError = (stderr: string): string =>
  stderr.split('\n').find((l) => /undefined reference|error/.test(l))?.trim() ?? stderr.split('\n')[0] ?? '';
