// abi.h for a pair with a C++ side (g++, clang++-19): the same caller.c and callee.c compile as C
// and as C++. Under C++, C's spellings the generated code uses, and every declaration of abi.h with
// C linkage, so the symbols of a C side and a C++ side meet. A pair of C compilers gets none of this:
// its sources stay byte for byte what they were.

/** C's `_Bool` under C++ (the same type as bool on every target here), and extern "C" opened. */
const OPEN_LINKAGE = [
  '#ifdef __cplusplus',
  '/* A C++ side compiles these sources too: C\'s _Bool is its bool; every declaration has C linkage. */',
  'typedef bool _Bool;',
  'extern "C" {',
];

/** After abi.h's include guard. */
export const CXX_OPEN: readonly string[] = [
  ...OPEN_LINKAGE,
  // caller.c defines these const tables: a const object at namespace scope has internal linkage in
  // C++ unless declared extern first, and runtime.c reads them.
  'extern void (*const abifuzz_tests[])(void);',
  'extern const int abifuzz_test_ids[];',
  'extern const int abifuzz_ntests;',
  '#define ABIFUZZ_SET_BITS(lvalue, bits) ((lvalue) = (decltype(lvalue))(bits))',
  '#else',
  '#define ABIFUZZ_SET_BITS(lvalue, bits) ((lvalue) = (bits))',
  '#endif',
  '/* ABIFUZZ_SET_BITS: C++ converts no integer to an enum (an enum bit-field\'s type) without a cast. */',
];

/** Before abi.h's closing #endif. */
export const CXX_CLOSE: readonly string[] = ['#ifdef __cplusplus', '}', '#endif'];

/** Opens C linkage (and C's _Bool) for what follows when compiled as C++; closed by CXX_CLOSE. */
export const CXX_LINKAGE: readonly string[] = [...OPEN_LINKAGE, '#endif'];

/** A declaration (a probe's source) that compiles as C and as C++, with C linkage. */
export const cxxCompatible = (declaration: string): string => [...CXX_LINKAGE, declaration, ...CXX_CLOSE].join('\n');
