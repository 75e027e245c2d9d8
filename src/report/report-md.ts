// report.md: what disagreed, in plain words, for a compiler developer.
import { sideLabel } from '../../harness/toolchains/toolchain.js';
import type { Finding } from '../check/finding.js';
import { declarationWithTypes } from '../emit/declaration.js';
import { parseLeafPath } from '../model/leaves.js';
import type { Signature } from '../model/types.js';
import type { CaseContext } from './case-context.js';
import type { CaseFile } from './case-schema.js';
import { filingMd, type Filing } from './filing.js';
import { compileCommand, shLine } from './repro-commands.js';

export function describePath(path: string, sig: Signature): string {
  const p = parseLeafPath(path);
  if (!p) return path;
  let words = p.root === 'ret' ? 'the return value' : `${p.root >= sig.params.length ? 'variadic ' : ''}argument ${p.root}`;
  for (const step of p.steps) words = 'field' in step ? `field ${step.field} of ${words}` : `element ${step.element} of ${words}`;
  return p.pointee ? `${words}, in the object reached through a pointer` : words;
}

const hexNumber = (h: string | undefined): number => parseInt(h ?? '', 16);

function whatDisagreed(f: Finding, sig: Signature): string[] {
  switch (f.kind) {
    case 'arg':
    case 'return': {
      const who = f.kind === 'arg' ? 'The callee read its arguments' : 'The caller read the return value';
      return [
        `${who} differently from how the other side wrote them. Values are hex: a leaf's bytes in memory order`,
        '(bit-fields, enums and pointers: the value). Expected is what was stored; every leaf has distinct bytes.',
        '',
        ...(f.mismatches ?? []).map((m) => `- \`${m.path}\` (${describePath(m.path, sig)}${m.offset ? `, from byte ${m.offset}` : ''}): expected \`${m.expected}\`, received \`${m.received}\``),
      ];
    }
    case 'arg-clobbered':
      return [
        'The caller\'s own argument object changed across the call. The callee writes to its parameters after',
        'checking them (valid C: a parameter is the callee\'s own copy); the caller then checks the objects it',
        'passed, which must be untouched. A change means the callee wrote into the caller\'s object: typically an',
        'argument the convention passes by reference to a copy, passed without the copy. Values are hex; received',
        'bytes that are the expected ones inverted are the callee\'s write.',
        '',
        ...(f.mismatches ?? []).map((m) => `- \`${m.path}\` (${describePath(m.path, sig)}${m.offset ? `, from byte ${m.offset}` : ''}): expected \`${m.expected}\`, received \`${m.received}\``),
      ];
    case 'layout': {
      const key = f.path ?? '';
      const what = key.includes('.') ? `offsetof(${key.replace('.', ', ')})` : `sizeof and alignment of ${key}`;
      return [`The two sides lay out the types differently: ${what} is \`${f.expected}\` in the caller and \`${f.received}\` in the callee.`, '', f.detail];
    }
    case 'callee-saved':
      return [`The callee returned with callee-saved register \`${f.register}\` changed: expected \`${f.expected}\` (the value it had at the call), received \`${f.received}\`.`, '', f.detail];
    case 'flags':
      return [`The control flag \`${f.flag}\` was wrong: expected \`${f.expected}\`, received \`${f.received}\`.`, '', f.detail];
    case 'stack-pointer':
      return [`After the return the stack pointer was off: the callee popped ${hexNumber(f.received)} bytes where the convention says ${hexNumber(f.expected)}.`];
    case 'stack-align':
      return [`At the callee's entry the stack pointer modulo the ABI's stack alignment was ${hexNumber(f.received)}; it must be 0.`];
    case 'crash':
      return [`The program was killed by ${f.signal ?? 'a signal'} in the call of ${f.function}.`, '', f.detail];
    case 'timeout':
      return [`The call of ${f.function} did not return.`, '', f.detail];
    case 'compile-error':
      return [`\`${f.compiler?.toolchain}\` rejects the declaration the other side's compiler accepts (\`${f.compiler?.file}\` holds it alone):`, '', '```', f.compiler?.message ?? f.detail, '```'];
    case 'compiler-crash':
      return [`\`${[f.compiler?.toolchain, ...(f.compiler?.flags ?? [])].join(' ')}\` crashed compiling \`${f.compiler?.file}\`:`, '', '```', f.compiler?.message ?? f.detail, '```'];
    case 'compiler-hang':
      return [`\`${[f.compiler?.toolchain, ...(f.compiler?.flags ?? [])].join(' ')}\` did not finish compiling \`${f.compiler?.file}\`: ${f.compiler?.message ?? ''}.`];
  }
}

function howToReproduce(ctx: CaseContext, c: CaseFile): string[] {
  const ev = c.finding.compiler;
  if (ev) {
    const side = ev.side === 'caller' ? ctx.caller : ctx.callee;
    return [
      `- \`./repro.sh\` in this folder compiles \`${ev.file}\` as the finding did and exits 1 while the problem reproduces:`,
      '',
      '```sh',
      shLine(compileCommand(side, ev.file)),
      '```',
    ];
  }
  return [
    '- `./repro.sh` in this folder builds it with exactly these toolchains and flags, runs it and prints what',
    '  disagreed; it exits 1 while the problem reproduces and 0 once it is gone. It needs only the toolchains',
    `  ${ctx.runner.id === 'native' ? '' : `and ${ctx.runner.id} `}(no abifuzz), and works on a copy of this folder alone.`,
    '- `repro.c` is the same in one file, split by `-DABIFUZZ_CALLEE`, `-DABIFUZZ_CALLER` and `-DABIFUZZ_RUNTIME`;',
    '  its header has the build commands.',
  ];
}

function blameWords(b: NonNullable<CaseFile['blame']>): string {
  switch (b.deviates) {
    case 'neither': return 'Each side agrees with the psABI model on this function when paired with it; they disagree only with each other.';
    case 'both': return `Both sides leave the psABI as the model reads it: ${b.party}.`;
    default: return `The ${b.deviates} leaves the psABI as the model reads it: \`${b.party}\`.`;
  }
}

/**
 * report.md of a case. `filing`: absent when the finding has no bug.c; null when bug.c was written
 * but not run (the case is not minimal yet, or the run was out of time); else its four combinations.
 */
export function reportMd(ctx: CaseContext, c: CaseFile, filing?: Filing | null): string {
  const f = c.finding;
  const sig = c.signature;
  const shrink = c.shrink;
  return [
    `# ${f.kind}: ${f.detail.split('\n')[0]}`,
    '',
    ...(f.known ? [`**Known:** explained by the known-issue rule \`${f.known}\` (src/check/known-issues.ts); kept here to be looked at.`, ''] : []),
    `- target: ${ctx.target.id}, ABI ${ctx.target.abi}, run ${ctx.runner.id === 'native' ? 'natively' : `under ${ctx.runner.id}`}`,
    `- caller: \`${sideLabel(ctx.caller)}\``,
    `- callee: \`${sideLabel(ctx.callee)}\``,
    `- linked by \`${sideLabel(ctx.linker)}\`, which also builds the runtime`,
    '',
    '## The function',
    '',
    '```c',
    declarationWithTypes(sig),
    '```',
    '',
    '## What disagreed',
    '',
    ...whatDisagreed(f, sig),
    '',
    ...(c.blame ? ['## Who leaves the psABI', '', blameWords(c.blame), '', c.blame.detail, ''] : []),
    '## How to reproduce',
    '',
    ...(filing !== undefined ? ['- `bug.c` is the case as plain C to file as it is (no abifuzz file); its header has the build commands.'] : []),
    ...howToReproduce(ctx, c),
    `- \`abifuzz replay <this folder>\` regenerates it from seed ${ctx.seed}, fast-check path \`${c.shrinkPath}\`, and runs it again.`,
    ...(shrink
      ? ['', `Shrunk in ${shrink.steps} steps (${shrink.candidates} candidates, ${(shrink.ms / 1000).toFixed(1)} s) from (path \`${shrink.originalPath}\`):`, '', '```c', declarationWithTypes(shrink.originalSignature), '```']
      : []),
    '',
    ...(filing ? filingMd(filing, ctx.caller, ctx.callee) : []),
  ].join('\n');
}
