// repro.c: the callee, the caller and the runtime (with the trampoline as file-scope asm) in one
// file split by -DABIFUZZ_CALLEE/-DABIFUZZ_CALLER/-DABIFUZZ_RUNTIME, for a bug report or a compiler
// explorer.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileArgs, linkArgs, runtimeArgs } from '../../harness/build.js';
import { RUNTIME_C, TRAMPOLINES } from '../../harness/runtime-objects.js';
import type { CaseContext } from './case-context.js';
import type { CaseFile } from './case-schema.js';
import { compileCommand, runnerEnv, shLine, where } from './repro-commands.js';

const withoutAbiInclude = (text: string): string => text.replace(/^#include "abi\.h"\n/gm, '');
const cString = (line: string): string => `"${line.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}\\n"`;

/** Assembly text as a file-scope asm statement (the section it switches to is restored after it). */
function asmBlock(name: string, text: string): string {
  const lines = text.split('\n').filter((l) => l.trim());
  // The asm switches sections; gcc does not see that, so restore what it assumes (COFF has no .pushsection).
  return [
    '#ifndef ABIFUZZ_ASM_BEGIN',
    '#ifdef __ELF__',
    '#define ABIFUZZ_ASM_BEGIN ".pushsection .text\\n"',
    '#define ABIFUZZ_ASM_END ".popsection\\n"',
    '#else',
    '#define ABIFUZZ_ASM_BEGIN ""',
    '#define ABIFUZZ_ASM_END ".text\\n"',
    '#endif',
    '#endif',
    `/* ${name} as file-scope asm */`,
    '__asm__(ABIFUZZ_ASM_BEGIN',
    ...lines.map((l) => `  ${cString(l)}`),
    '  ABIFUZZ_ASM_END);',
  ].join('\n');
}

/** The commands in repro.c's header, one per line after "$ " (tests run them as they are). */
function singleFileCommands(ctx: CaseContext): string[] {
  const linker = ctx.linker;
  const [file, args] = ctx.runner.command('./repro.exe');
  const env = runnerEnv(ctx.runner.env);
  return [
    shLine([ctx.callee.tc.bin, ...compileArgs(ctx.callee, 'repro.c', 'callee.o'), '-DABIFUZZ_CALLEE']),
    shLine([ctx.caller.tc.bin, ...compileArgs(ctx.caller, 'repro.c', 'caller.o'), '-DABIFUZZ_CALLER']),
    shLine([linker.tc.bin, ...runtimeArgs(linker, 'repro.c', 'runtime.o'), '-DABIFUZZ_RUNTIME']),
    shLine([linker.tc.bin, ...linkArgs(linker, ['caller.o', 'callee.o', 'runtime.o'], 'repro.exe')]),
    [...env, shLine([file, ...args])].join(' ') + (ctx.runner.outputToFile ? ' >output.txt; cat output.txt' : ''),
  ];
}

export async function reproC(dir: string, ctx: CaseContext, c: CaseFile): Promise<string> {
  const f = c.finding;
  const path = c.shrinkPath;
  const comment = (s: string): string => s.replace(/\*\//g, '* /');
  const ev = f.compiler;
  if (ev?.source) {
    const side = ev.side === 'caller' ? ctx.caller : ctx.callee;
    return [`/* abifuzz: ${comment(`${f.kind} in ${f.function}; ${where(ctx, path)}`)}.`, ` *   $ ${comment(shLine(compileCommand(side, ev.file)))} */`, ev.source].join('\n');
  }
  const read = (name: string): Promise<string> => readFile(join(dir, name), 'utf8');
  // The runtime's C files share no static names, so they concatenate into one translation unit.
  const runtime: string[] = [];
  for (const name of RUNTIME_C) runtime.push(`/* ---- ${name} ---- */`, (await read(name)).trimEnd());
  const model = async (role: 'caller' | 'callee'): Promise<string[]> => {
    const text = await readFile(join(dir, `${role}.S`), 'utf8').catch(() => null);
    return text === null ? [] : [asmBlock(`${role}.S (the psABI model)`, text)];
  };
  return [
    '/* abifuzz reproducer in one file: ' + comment(`${f.kind} finding in ${f.function}; ${where(ctx, path)}.`),
    ' * The callee, the caller and the runtime (main, the checks, the contract trampoline) are split by',
    ' * -DABIFUZZ_CALLEE, -DABIFUZZ_CALLER and -DABIFUZZ_RUNTIME. Build and run with the toolchains of',
    ' * the finding; the program prints "M" (leaf mismatch) and "C" (contract) lines when they disagree:',
    ...singleFileCommands(ctx).map((cmd) => ` *   $ ${comment(cmd)}`),
    ' */',
    '',
    '/* ---- abi.h (the runtime does not need it, and the linker toolchain may not know its types) ---- */',
    '#if defined(ABIFUZZ_CALLEE) || defined(ABIFUZZ_CALLER)',
    (await read('abi.h')).trimEnd(),
    '#endif',
    '',
    '#ifdef ABIFUZZ_CALLEE',
    withoutAbiInclude(await read('callee.c')).trimEnd(),
    ...(await model('callee')),
    '#endif /* ABIFUZZ_CALLEE */',
    '',
    '#ifdef ABIFUZZ_CALLER',
    withoutAbiInclude(await read('caller.c')).trimEnd(),
    ...(await model('caller')),
    '#endif /* ABIFUZZ_CALLER */',
    '',
    '#ifdef ABIFUZZ_RUNTIME',
    ...runtime,
    `/* ---- ${TRAMPOLINES} ---- */`,
    asmBlock(TRAMPOLINES, await read(TRAMPOLINES)),
    '#endif /* ABIFUZZ_RUNTIME */',
    '',
  ].join('\n');
}

/** "arg3.f2[1].x" -> "field x of element 1 of field f2 of argument 3". */
