import { describe, expect, it } from 'vitest';
import type { CaseInput } from '../../../src/driver/context.js';
import { crashedFunction, crashHeadline } from '../../../src/driver/build-stage.js';

const live = [31, 5, 12].map((i) => ({ index: i, sig: { name: `f${i}`, ret: 'void', params: [], variadic: null } }) as CaseInput);
// clang-19 on x86_64-w64-mingw32, a vectorcall function taking _Atomic(long double) (seen in a self-check).
const clangDump = [
  '|        ^ ~~~~~~~~',
  'PLEASE submit a bug report to https://github.com/llvm/llvm-project/issues/ and include the crash backtrace, preprocessed source, and associated run script.',
  'Stack dump:',
  '0.\tProgram arguments: clang-19 --target=x86_64-w64-mingw32 -Wno-psabi -c callee.c -o callee.o -O2',
  '1.\t<eof> parser at end of file',
  '2.\tCode generation',
  "3.\tRunning pass 'Function Pass Manager' on module 'callee.c'.",
  "4.\tRunning pass 'X86 FP Stackifier' on function '@\"\\01f31@@16\"'",
].join('\n');

describe('a crash that names its function', () => {
  it("clang's stack dump names the function it was compiling, decorated or not; gcc's ICE says 'In function'", () => {
    expect(crashedFunction(clangDump, live)?.sig.name).toBe('f31');
    expect(crashedFunction("4.\tRunning pass 'Greedy Register Allocator' on function '@f12'", live)?.sig.name).toBe('f12');
    expect(crashedFunction("callee.c: In function ‘f5’:\ncallee.c:40:1: internal compiler error: in expand_call, at calls.cc:3520", live)?.sig.name).toBe('f5');
    // clang-19's front end on a regcall function taking an empty struct.
    expect(crashedFunction("1.\tcallee.c:3840:1: current parser token 'void'\n2.\tcallee.c:3828:47: LLVM IR generation of declaration 'f5'\n3.\tcallee.c:3828:47: Generating code for declaration 'f5'", live)?.sig.name).toBe('f5');
    // The caller's test function of f12 (clang-19 on a regcall call taking an empty struct).
    expect(crashedFunction("4.\tRunning pass 'X86 DAG->DAG Instruction Selection' on function '@abifuzz_test_12'", live)?.sig.name).toBe('f12');
    expect(crashedFunction("caller.c: In function ‘abifuzz_test_5’:\ncaller.c:9:1: internal compiler error: Segmentation fault", live)?.sig.name).toBe('f5');
  });

  it('no function named, or one outside the batch: none (the batch is bisected)', () => {
    expect(crashedFunction('PLEASE submit a bug report\nStack dump:\n1.\t<eof> parser at end of file', live)).toBeUndefined();
    expect(crashedFunction("Running pass 'X' on function '@f99'", live)).toBeUndefined();
    expect(crashedFunction("Running pass 'X' on function '@f310'", live)).toBeUndefined();
    expect(crashedFunction("Running pass 'X' on function '@abifuzz_test_99'", live)).toBeUndefined();
  });

  it('the headline is the pass and function, else the assertion or ICE, not a caret line', () => {
    expect(crashHeadline(clangDump)).toBe("Running pass 'X86 FP Stackifier' on function '@\"\\01f31@@16\"'");
    expect(crashHeadline('x.c:1:1: warning: w\n|  ^\nclang: /llvm/X.cpp:12: Assertion `a` failed.\nPLEASE submit')).toMatch(/^clang: .*Assertion/);
  });
});
