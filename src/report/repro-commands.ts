// The exact commands of a case (as harness/build.ts runs them), for its reproducers.
import { compileArgs, glueSide, linkArgs, runtimeArgs } from '../../harness/build.js';
import { objectName, runtimeSources } from '../../harness/runtime-objects.js';
import { sideLabel, type Side } from '../../harness/toolchains/toolchain.js';
import type { CaseContext } from './case-context.js';

/** Quotes a word for sh only when it needs it, so the commands stay readable. */
export const shq = (w: string): string => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);
export const shLine = (argv: string[]): string => argv.map(shq).join(' ');

export interface Commands {
  /** Each side's compiles: its C file, and the model's assembly when the side is the model. */
  callee: string[][];
  caller: string[][];
  runtime: { src: string; argv: string[] }[];
  link: string[];
  run: string[];
}

/** The compile of one source by one side, as the pipeline runs it. */
export const compileCommand = (side: Side, src: string): string[] => [side.tc.bin, ...compileArgs(side, src, objectName(src))];

/** The exact build and run of the case, as the pipeline does it. */
export function commandsFor(ctx: CaseContext): Commands {
  const runtime = runtimeSources();
  const [file, args] = ctx.runner.command('./test.exe');
  const side = (s: Side, role: 'caller' | 'callee'): string[][] => [
    compileCommand(ctx.models?.[role] ? glueSide(s, ctx.models[role].glueFlags) : s, `${role}.c`),
    ...(s.tc.family === 'model' ? [[s.tc.bin, ...compileArgs(s, `${role}.S`, `${role}-asm.o`)]] : []),
  ];
  const objects = (s: Side, role: 'caller' | 'callee'): string[] => (s.tc.family === 'model' ? [`${role}.o`, `${role}-asm.o`] : [`${role}.o`]);
  return {
    callee: side(ctx.callee, 'callee'),
    caller: side(ctx.caller, 'caller'),
    runtime: runtime.map((src) => ({ src, argv: [ctx.linker.tc.bin, ...runtimeArgs(ctx.linker, src, objectName(src))] })),
    link: [ctx.linker.tc.bin, ...linkArgs(ctx.linker, [...objects(ctx.caller, 'caller'), ...objects(ctx.callee, 'callee'), ...runtime.map(objectName)], 'test.exe')],
    run: [file, ...args],
  };
}

/**
 * The runner's environment as shell words: a value that is a path of this machine (wine's prefix)
 * becomes the variable's own value when set, else the same place under the user's home, so the
 * reproducer works on another machine.
 */
export function runnerEnv(env: Record<string, string> | undefined): string[] {
  return Object.entries(env ?? {}).map(([k, v]) => (k === 'WINEPREFIX' ? `${k}="\${${k}:-$HOME/.cache/abifuzz/wine-prefix}"` : `${k}=${shq(v)}`));
}

export const where = (ctx: CaseContext, shrinkPath: string): string =>
  `seed ${ctx.seed}, path ${shrinkPath}, target ${ctx.target.id} (${ctx.target.abi}), caller ${sideLabel(ctx.caller)}, callee ${sideLabel(ctx.callee)}`;
