// The exact commands of a finding (as harness/build.ts runs them), for its reproducers.
import { compileArgs, linkArgs, linkerOf, objectName, runtimeArgs, runtimeSources } from '../../harness/build.js';
import { sideLabel } from '../../harness/toolchains/toolchain.js';
import type { CaseContext } from './case-file.js';

/** Quotes a word for sh only when it needs it, so the commands stay readable. */
export const shq = (w: string): string => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);
export const shLine = (argv: string[]): string => argv.map(shq).join(' ');

export interface Commands {
  callee: string[];
  caller: string[];
  runtime: { src: string; argv: string[] }[];
  link: string[];
  run: string[];
}


/** The exact build and run of the finding, as the pipeline does it (harness/build.ts). */
export function commandsFor(ctx: CaseContext): Commands {
  const linker = linkerOf(ctx.target);
  const runtime = runtimeSources(ctx.target.contract.source);
  const [file, args] = ctx.target.runner.command('./test.exe');
  return {
    callee: [ctx.callee.tc.bin, ...compileArgs(ctx.callee, 'callee.c', 'callee.o')],
    caller: [ctx.caller.tc.bin, ...compileArgs(ctx.caller, 'caller.c', 'caller.o')],
    runtime: runtime.map((src) => ({ src, argv: [linker.tc.bin, ...runtimeArgs(linker, src, objectName(src))] })),
    link: [linker.tc.bin, ...linkArgs(linker, ['caller.o', 'callee.o', ...runtime.map(objectName)], 'test.exe')],
    run: [file, ...args],
  };
}

export const where = (ctx: CaseContext, path: string): string =>
  `seed ${ctx.seed}, path ${path}, target ${ctx.target.id} (${ctx.target.abi}), caller ${sideLabel(ctx.caller)}, callee ${sideLabel(ctx.callee)}`;
