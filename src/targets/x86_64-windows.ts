// x86_64-windows: LLP64, Microsoft x64. mingw gcc, clang-N for x86_64-w64-mingw32 and clang-cl-N
// (clang-N --driver-mode=cl for x86_64-pc-windows-msvc, freestanding: /Zl /GS-); the mingw gcc
// links every pair; programs run under wine.
import { llp64, llp64Clang, llp64ClangCl } from '../model/data-model.js';
import { msX64 } from '../abi/ms-x64.js';
import { msVectorcall } from '../abi/ms-vectorcall.js';
import { x86_64Sysv } from '../abi/x86_64-sysv/index.js';
import type { Target } from './target.js';

export const x86_64Windows: Target = {
  id: 'x86_64-windows',
  abi: 'Microsoft x64',
  dataModel: llp64,
  toolchains: {
    gcc: 'x86_64-w64-mingw32-gcc',
    gccPackage: 'gcc-mingw-w64-x86-64',
    clangArgs: ['--target=x86_64-w64-mingw32'],
    clangClArgs: ['--driver-mode=cl', '--target=x86_64-pc-windows-msvc', '/Zl', '/GS-'],
    linkArgs: [],
  },
  runner: { kind: 'wine' },
  // Checked under wine against each compiler (test/e2e/layout.test.ts): clang's ms_struct
  // bit-field and union rules, and clang-cl's Microsoft record layout, differ from mingw gcc's.
  layoutDialects: [
    { speakers: /clang-cl/, dataModel: llp64ClangCl, reference: "clang's MicrosoftRecordLayoutBuilder (MSVC's rules), clang/lib/AST/RecordLayoutBuilder.cpp" },
    { speakers: /clang/, dataModel: llp64Clang, reference: "clang's ItaniumRecordLayoutBuilder with ms_struct for *-windows-gnu, clang/lib/AST/RecordLayoutBuilder.cpp" },
  ],
  // vectorcall really changes the convention under clang (symbol f@@N); sysv_abi switches to SysV.
  abis: { '': msX64, sysv_abi: x86_64Sysv, vectorcall: msVectorcall },
  conventions: ['sysv_abi', 'vectorcall'],
  pairRules: [
    { family: 'clang-cl', exclude: ['long double'], reason: "clang-cl's long double is double (8 bytes), mingw's is x87 in 16: not one type" },
    { family: 'clang-cl', dropWeights: ['wideEnum'], reason: 'clang-cl gives every enum int, as MSVC does (a value beyond it is cut to 32 bits); gcc and clang widen the enum: not one type' },
    { family: 'gcc', dropConventions: ['vectorcall'], reason: 'mingw gcc ignores vectorcall (with a warning): fuzzing it against gcc would test nothing' },
  ],
};
