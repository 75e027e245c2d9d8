// The contract trampolines of the conventions whose callee-saved registers carry arguments or
// results (clang's preserve_most/preserve_all): the registers are the ABI modules', argument
// registers are recorded rather than canaried, and each call goes through the trampoline that
// leaves out the callee-saved registers its caller expects the result in. Run on real code by
// test/e2e/contract-trampolines.test.ts and test/e2e/conventions-opt-in.test.ts.
import { describe, expect, it } from 'vitest';
import { preserveAllX64, preserveMostX64 } from '../../../src/abi/clang-preserve.js';
import { callChecksOf, returnSets, trampolineFile, trampolineSpecs } from '../../../src/emit/asm/trampolines.js';
import { STATE } from '../../../src/emit/asm/tramp-spec.js';
import { lp64x86 } from '../../../src/model/data-model.js';
import type { CType, Signature } from '../../../src/model/types.js';
import { TARGETS } from '../../../src/targets/index.js';

const x64 = TARGETS['x86_64-linux']!;
const s = (name: 'long' | 'double' | 'int'): CType => ({ kind: 'scalar', name });
const st = (...types: CType[]): CType => ({ kind: 'struct', name: 's', packed: false, fields: types.map((type, i) => ({ name: `m${i}`, type })) });
const sig = (ret: Signature['ret'], convention: string): Signature => ({ name: 'f', ret, params: [{ type: s('int') }], variadic: null, convention });
/** The trampoline's text, from its label to its .size. */
const body = (file: string, symbol: string): string => file.slice(file.indexOf(`${symbol}:\n`), file.indexOf(`.size ${symbol},`));

describe('trampolines of conventions that keep argument and result registers', () => {
  it('come one per set of callee-saved registers a result can occupy, the empty set first', () => {
    expect(returnSets(preserveMostX64)).toEqual([[], ['rax'], ['rax', 'rdx']]);
    expect(returnSets(preserveAllX64)).toHaveLength(15);
    const specs = trampolineSpecs(x64);
    // The default stream's trampolines keep their variant numbers: the new ones come after.
    expect(specs.slice(0, 2).map((t) => [t.abi.id, t.variant])).toEqual([['x86_64-sysv', 0], ['ms-x64', 1]]);
    const most = specs.filter((t) => t.abi === preserveMostX64);
    expect(most.map((t) => t.symbol)).toEqual(['abifuzz_tramp_clang_preserve_most_x86_64', 'abifuzz_tramp_clang_preserve_most_x86_64_ret_rax', 'abifuzz_tramp_clang_preserve_most_x86_64_ret_rax_rdx']);
    expect(most[2]!.regs.map((r) => r.name)).not.toContain('rdx');
    expect(most[0]!.regs.filter((r) => r.recorded).map((r) => r.name)).toEqual(['rax', 'rcx', 'rdx', 'rsi', 'rdi', 'r8', 'r9']);
    for (const t of specs) for (const r of t.regs) expect(r.offset + r.bytes).toBeLessThanOrEqual(STATE.area);
  });

  it('record argument registers at entry, canary the others, and put garbage only where nothing is kept', () => {
    const text = body(trampolineFile(x64), 'abifuzz_tramp_clang_preserve_most_x86_64');
    expect(text).toContain(`movq %rdi, abifuzz_contract_state+${STATE.canary + 10 * 8}(%rip)`); // rdi is the 11th register
    expect(text).not.toMatch(/\(%rip\), %rdi\n[^]*call \*/); // nothing is loaded into rdi before the call
    expect(text).toContain(`movq abifuzz_contract_state+${STATE.canary + 13 * 8}(%rip), %r10`); // r10 carries no argument
    const after = text.slice(text.indexOf('call *'));
    for (const r of ['rcx', 'rsi', 'rdi', 'r8', 'r9', 'r10']) expect(after).not.toContain(`movq %r11, %${r}`);
    expect(after).toContain('movq %r11, %xmm4'); // preserve_most keeps no xmm register
    const sysv = body(trampolineFile(x64), 'abifuzz_tramp_x86_64_sysv');
    expect(sysv).toContain('movq %r11, %rsi'); // SysV's caller-saved registers still get garbage
  });

  it('a call goes through the trampoline that leaves out the registers its result is in, as the caller plans it', () => {
    const clang = callChecksOf(x64, { compiler: 'clang-19', features: new Set(), dataModel: lp64x86 });
    const text = callChecksOf(x64, { compiler: 'model', features: new Set(), dataModel: lp64x86 });
    const sym = (c: typeof clang, x: Signature): string => c.trampoline(x).symbol.replace(/^abifuzz_tramp_clang_preserve_/, '');
    expect(sym(clang, sig('void', 'preserve_most'))).toBe('most_x86_64');
    expect(sym(clang, sig(s('long'), 'preserve_most'))).toBe('most_x86_64_ret_rax');
    expect(sym(clang, sig(st(s('long'), s('long')), 'preserve_most'))).toBe('most_x86_64_ret_rax_rdx');
    expect(sym(clang, sig(s('double'), 'preserve_most'))).toBe('most_x86_64'); // xmm0 is not kept by preserve_most
    expect(sym(clang, sig(s('double'), 'preserve_all'))).toBe('all_x86_64_ret_xmm0');
    expect(sym(clang, sig(st(s('double'), s('long')), 'preserve_all'))).toBe('all_x86_64_ret_rax_xmm0');
    const big = st(s('long'), s('long'), s('long'));
    expect(sym(clang, sig(big, 'preserve_most'))).toBe('most_x86_64'); // clang keeps rax (clang-preserve-sret-keeps-rax)
    expect(sym(text, sig(big, 'preserve_most'))).toBe('most_x86_64_ret_rax'); // the text hands the address back in rax
    expect(clang.trampoline(sig('void', '')).symbol).toBe('abifuzz_tramp_x86_64_sysv');
  });
});
