// What makes a value finding ready to file: bug.c's four combinations (A's main calling B's
// function, B calling A, each compiler calling itself) as they ran, and the assembly each compiler
// emits for the function, cut to its instructions. The runs are the pipeline's (src/pipeline/
// file-bug.ts); this module names the combinations, cuts assembly and words the report. Pure.
import { sideLabel, type Side } from '../../harness/toolchains/toolchain.js';
import type { Finding } from '../check/finding.js';
import type { Signature } from '../model/types.js';
import type { BugCompiler, BugInput, BugMeta } from './bug-c.js';
import type { CaseContext } from './case-context.js';

/** One combination of bug.c: whose main called whose function, and what came of it. */
export interface Combination {
  /** "A -> B": the finding's own pair; "B -> A" reversed; "A -> A", "B -> B" the controls. */
  name: 'A -> B' | 'B -> A' | 'A -> A' | 'B -> B';
  caller: string;
  callee: string;
  outcome: 'agrees' | 'disagrees' | 'crashed' | 'timed out' | 'did not build';
  /** What it printed (the values that differ), or why it did not build: the first lines. */
  lines: string[];
}

/** One compiler's assembly of the function (and, for a return finding, of the call in main). */
export interface AsmExcerpt {
  compiler: string;
  what: string;
  lines: string[];
}

export interface Filing {
  combinations: Combination[];
  asm: AsmExcerpt[];
  /** Why no assembly is shown for a side (clang-cl spells -S otherwise). */
  asmNote?: string;
}

/** bug.c's header facts from the case's context: compilers with versions, linker, runner. */
export function bugMetaOf(ctx: CaseContext, origin: string): BugMeta {
  const probe = './bug.exe';
  const [file, args] = ctx.runner.command(probe);
  const runner = file === probe ? [] : [file, ...args.filter((a) => a !== probe)];
  const compiler = (side: Side, version: string | undefined): BugCompiler => ({ ...side, version: version ?? side.tc.bin });
  return {
    target: ctx.target.id,
    caller: compiler(ctx.caller, ctx.versions?.caller),
    callee: compiler(ctx.callee, ctx.versions?.callee),
    linker: ctx.linker,
    runner,
    ...(ctx.runner.env ? { runnerEnv: ctx.runner.env } : {}),
    origin,
  };
}

/** What bug.c is written from: a finding on `sig` (already named for it) and the case's context. */
export const bugInputOf = (ctx: CaseContext, f: Finding, sig: Signature, shrinkPath: string): BugInput =>
  ({ sig, dataModel: ctx.target.dataModel, finding: f, meta: bugMetaOf(ctx, `abifuzz seed ${ctx.seed}, path ${shrinkPath}`) });

/** The four combinations of a pair [A, B]: name, whose main (0: A, 1: B), whose function. */
export const COMBINATIONS: readonly [Combination['name'], 0 | 1, 0 | 1][] = [
  ['A -> B', 0, 1],
  ['B -> A', 1, 0],
  ['A -> A', 0, 0],
  ['B -> B', 1, 1],
];

/** Directives and labels a reader of a bug report does not need. */
const NOISE = /^\s*\.(cfi_|loc\b|file\b|section\b|p2align|align\b|type\b|size\b|ident\b|globl\b|text\b|LFB|LFE|Lfunc_end|addrsig|def\b|scl\b|endef\b|seh_)|^\s*#|^\s*\/\/|^\.L(FB|FE|func_end|tmp)\w*:|^\s*$/;

/** The body of function `fn` in `asm` (from its label to the next function's), noise dropped, at most `max` lines. */
export function functionAsm(asm: string, fn: string, max = 40): string[] {
  const lines = asm.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${fn}:`));
  if (start < 0) return [];
  const body: string[] = [lines[start]!];
  for (const l of lines.slice(start + 1)) {
    if (/^[A-Za-z_$][\w$.@]*:/.test(l)) break; // the next global label: the next function or object
    if (/^\s*\.(size|seh_endproc|cfi_endproc)\b/.test(l)) break;
    if (!NOISE.test(l)) body.push(l.replace(/\s+$/, ''));
  }
  return body.length > max ? [...body.slice(0, max), `\t... (${body.length - max} more lines)`] : body;
}

/** The lines of main around its call of `fn`, for a return finding: the call and what reads the value. */
export function callSiteAsm(asm: string, fn: string, before = 4, after = 12): string[] {
  const main = functionAsm(asm, 'main', 10_000);
  // call (gcc), callq (clang), calll (i386), bl/blx (arm), jal/call (riscv); `f1@PLT` ends at the word too.
  const call = new RegExp(`\\b(call[lq]?|blx?|jal)\\s+${fn}\\b`);
  const at = main.findIndex((l) => call.test(l));
  if (at < 0) return [];
  return main.slice(Math.max(1, at - before), at + after + 1);
}

/** report.md's section: which combinations fail, and the assembly. */
export function filingMd(f: Filing, a: Side, b: Side): string[] {
  const failing = f.combinations.filter((c) => c.outcome !== 'agrees').map((c) => c.name);
  const verdict = failing.length === 1 && failing[0] === 'A -> B'
    ? 'Only the finding\'s own combination fails: each compiler agrees with itself, and B\'s main calling A\'s function passes.'
    : `Failing: ${failing.join(', ') || 'none (the problem did not show when bug.c ran)'}.`;
  return [
    '## bug.c in four combinations',
    '',
    `A is \`${sideLabel(a)}\`, B is \`${sideLabel(b)}\`. \`bug.c\` holds the case as plain C (no abifuzz file); its header has the`,
    'build commands. Each combination builds main with the first compiler and the function with the second:',
    '',
    '| combination | main | function | result |',
    '|---|---|---|---|',
    ...f.combinations.map((c) => `| ${c.name} | \`${c.caller}\` | \`${c.callee}\` | ${c.outcome}${c.lines[0] ? `: \`${c.lines[0].replace(/\|/g, '\\|')}\`` : ''} |`),
    '',
    verdict,
    '',
    ...f.asm.flatMap((x) => [`### ${x.what}, \`${x.compiler}\``, '', '```asm', ...x.lines, '```', '']),
    ...(f.asmNote ? [f.asmNote, ''] : []),
    '### Reducing it further',
    '',
    '`interesting.sh` is a C-Reduce/cvise interestingness test: it exits 0 while A -> B still prints the same',
    'value and A -> A, B -> B still pass. In a copy of this folder:',
    '',
    '```sh',
    'cvise --n 2 interesting.sh bug.c',
    '```',
    '',
  ];
}
