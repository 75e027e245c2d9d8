// Cutting assembly to the function and to the call, and the four-combination verdict of report.md.
import { describe, expect, it } from 'vitest';
import { callSiteAsm, filingMd, functionAsm, type Combination } from '../../../src/report/filing.js';
import type { Side } from '../../../harness/toolchains/toolchain.js';

const gcc: Side = { tc: { id: 'gcc', bin: 'gcc', family: 'gcc', target: 'x86_64-linux', targetArgs: [], debianPackage: 'gcc' }, flags: [] };

const ASM = [
  '\t.file\t"bug.c"',
  '\t.text',
  '\t.globl\tf1',
  '\t.type\tf1, @function',
  'f1:',
  '.LFB0:',
  '\t.cfi_startproc',
  '\tpushq\t%rbp',
  '\tmovl\t%edi, -4(%rbp)',
  '\tret',
  '\t.cfi_endproc',
  '.LFE0:',
  '\t.size\tf1, .-f1',
  'main:',
  '\tsubq\t$8, %rsp',
  '\tmovl\t$1, %edi',
  '\tcall\tf1@PLT',
  '\tmovl\t%eax, -4(%rbp)',
  '\tret',
].join('\n');

describe('functionAsm', () => {
  it('keeps the label and the instructions, drops directives and ends at the function', () => {
    expect(functionAsm(ASM, 'f1')).toEqual(['f1:', '\tpushq\t%rbp', '\tmovl\t%edi, -4(%rbp)', '\tret']);
  });
  it('says nothing for a function that is not there, and cuts long ones', () => {
    expect(functionAsm(ASM, 'f2')).toEqual([]);
    const long = ['g:', ...Array.from({ length: 50 }, (_, i) => `\tnop # ${i}`)].join('\n');
    const cut = functionAsm(long, 'g', 10);
    expect(cut).toHaveLength(11);
    expect(cut.at(-1)).toMatch(/41 more lines/);
  });
});

describe('callSiteAsm', () => {
  it('shows main around the call', () => {
    expect(callSiteAsm(ASM, 'f1', 1, 1)).toEqual(['\tmovl\t$1, %edi', '\tcall\tf1@PLT', '\tmovl\t%eax, -4(%rbp)']);
    expect(callSiteAsm(ASM, 'f9')).toEqual([]);
    expect(callSiteAsm(ASM.replace('\tcall\tf1@PLT', '\tcallq\tf1@PLT'), 'f1', 0, 0)).toEqual(['\tcallq\tf1@PLT']); // clang's spelling
    expect(callSiteAsm('main:\n\tbl\tf1\n\tret', 'f1', 0, 0)).toEqual(['\tbl\tf1']);
  });
});

describe('filingMd', () => {
  const combo = (name: Combination['name'], outcome: Combination['outcome']): Combination => ({ name, caller: 'x', callee: 'y', outcome, lines: outcome === 'agrees' ? [] : ['arg0: expected 01 received 02'] });
  it('says when only the finding\'s own combination fails', () => {
    const md = filingMd({ combinations: [combo('A -> B', 'disagrees'), combo('B -> A', 'agrees'), combo('A -> A', 'agrees'), combo('B -> B', 'agrees')], asm: [] }, gcc, gcc).join('\n');
    expect(md).toContain('Only the finding\'s own combination fails');
    expect(md).toContain('| A -> B | `x` | `y` | disagrees: `arg0: expected 01 received 02` |');
  });
  it('lists every failing combination otherwise', () => {
    const md = filingMd({ combinations: [combo('A -> B', 'disagrees'), combo('B -> A', 'crashed'), combo('A -> A', 'agrees'), combo('B -> B', 'did not build')], asm: [] }, gcc, gcc).join('\n');
    expect(md).toContain('Failing: A -> B, B -> A, B -> B.');
  });
});
