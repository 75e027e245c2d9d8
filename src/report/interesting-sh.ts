// interesting.sh: the C-Reduce/cvise interestingness test of bug.c (src/report/bug-c.ts). Run in a
// folder holding bug.c, it exits 0 only while the disagreement is still there and is still between
// the compilers: the finding's pair (A's main calling B's function) prints the same leaf and exits 1,
// each compiler calling itself exits 0, and everything compiles and links. Pure: data in, text out.
import { isCxx, sideLabel, type Side } from '../../harness/toolchains/toolchain.js';
import { compileBugC, failingLeaves, linkBugC, type BugInput } from './bug-c.js';
import { runnerEnv, shLine, shq } from './repro-commands.js';

/** Seconds a compile or link, and a run, may take (cvise's own --timeout bounds the whole test). */
const COMPILE_S = 60;
const RUN_S = 20;

/**
 * A lint compile with each compiler: any warning means a reduction turned bug.c into undefined
 * behaviour or guesswork (C-Reduce's own advice). bug.c is written warning-free with these (checked
 * on gcc and clang-19 over 25 real findings), so a warning is the reduction's: a prototype turned
 * K&R (the call then passes promoted arguments), a printf cut to `printf;`, an uninitialized value.
 * Separate from the real compiles, whose flags stay exactly the finding's. Not for clang-cl.
 */
const LINT = ['-Wall', '-Werror', '-Wstrict-prototypes', '-Wold-style-definition'];
/** A C++ driver (g++) rejects C-only warnings under -Werror; C++ has no K&R definitions to catch anyway. */
const lintOf = (s: Side): string[] => (isCxx(s) ? LINT.filter((w) => w === '-Wall' || w === '-Werror') : LINT);


export function interestingSh(input: BugInput): string {
  const { meta, sig } = input;
  const leaf = failingLeaves(input.finding)[0];
  if (!leaf) throw new Error(`internal: interesting.sh needs an arg or return finding with a leaf (got ${input.finding.kind})`);
  const A = meta.caller;
  const B = meta.callee;
  const compile = (side: Side, role: 'caller' | 'callee', obj: string): string =>
    `step ${shLine(compileBugC(side, role, obj))} || exit 1`;
  // Lint once per compiler (a pair of one compiler with two sets of flags needs one).
  const lints = [...new Map([A, B].map((s) => [s.tc.id, s])).values()].filter((s) => s.tc.family !== 'clang-cl');
  const lint = lints.flatMap((s) => (['caller', 'callee'] as const).map((role) => compile({ tc: s.tc, flags: [...s.flags, ...lintOf(s)] }, role, 'lint.o')));
  const link = (objs: string[], exe: string): string => `step ${shLine(linkBugC(meta.linker, objs, exe))} || exit 1`;
  const run = (exe: string): string => `timeout -k 5 ${RUN_S} ${shLine([...meta.runner, `./${exe}`])} >${exe}.out 2>${exe}.err </dev/null`;
  return [
    '#!/bin/sh',
    `# interesting.sh: the C-Reduce/cvise interestingness test of bug.c (${sig.name}, ${meta.target}).`,
    '#   $ cvise --n 2 interesting.sh bug.c',
    '# Runs in the current folder on bug.c (cvise gives it a fresh folder each time). Exits 0 only while:',
    `#   1. main built by A (${sideLabel(A)}) calling ${sig.name} built by B (${sideLabel(B)}) exits 1`,
    `#      and prints a line for ${leaf};`,
    '#   2. A calling A and B calling B both exit 0, so the difference is still between the compilers;',
    '#   3. every compile and link succeeds, and a lint compile with each compiler finds no warning that',
    '#      means undefined behaviour (uninitialized values, implicit declarations, missing returns).',
    `# Every step runs under timeout (${COMPILE_S} s to build, ${RUN_S} s to run). Cheapest failures first.`,
    ...runnerEnv(meta.runnerEnv).map((w) => `export ${w}`),
    `step() { timeout -k 5 ${COMPILE_S} "$@" >/dev/null 2>&1; }`,
    '',
    '# 1. The finding: A\'s main calling B\'s function exits 1 and prints a line that starts with the leaf',
    '#    ("<leaf>: " or "<leaf>@<offset>: ").',
    compile(A, 'caller', 'caller-a.o'),
    compile(B, 'callee', 'callee-b.o'),
    link(['caller-a.o', 'callee-b.o'], 'ab.exe'),
    'status=0',
    `${run('ab.exe')} || status=$?`,
    '[ "$status" = 1 ] || exit 1',
    `awk -v leaf=${shq(leaf)} 'index($0, leaf ": ") == 1 || index($0, leaf "@") == 1 { found = 1 } END { exit !found }' ab.exe.out || exit 1`,
    '',
    '# 2. The controls: each compiler agrees with itself.',
    compile(A, 'callee', 'callee-a.o'),
    compile(B, 'caller', 'caller-b.o'),
    link(['caller-a.o', 'callee-a.o'], 'aa.exe'),
    link(['caller-b.o', 'callee-b.o'], 'bb.exe'),
    `${run('aa.exe')} || exit 1`,
    `${run('bb.exe')} || exit 1`,
    '',
    '# 3. The lint.',
    ...lint,
    'exit 0',
    '',
  ].join('\n');
}
