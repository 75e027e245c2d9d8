// C++ drivers as toolchains: g++ and clang++-N are their C compiler's toolchain compiling as C++
// (-x c++ before the source), with the Debian package that provides them.
import { describe, expect, it } from 'vitest';
import { compileArgs } from '../../../harness/build.js';
import { resolveToolchain } from '../../../harness/toolchains/registry.js';
import { cCompilerOf } from '../../../harness/toolchains/toolchain.js';
import { UsageError } from '../../../src/errors.js';
import { aarch64Linux } from '../../../src/targets/aarch64-linux.js';
import { x86_64Linux } from '../../../src/targets/x86_64-linux.js';

describe('C++ toolchains', () => {
  it('names the C compiler of each C++ driver (its dialects and layouts), and leaves C compilers alone', () => {
    expect(['g++', 'g++-11', 'aarch64-linux-gnu-g++', 'aarch64-linux-gnu-g++-12', 'clang++', 'clang++-19'].map(cCompilerOf))
      .toEqual(['gcc', 'gcc-11', 'aarch64-linux-gnu-gcc', 'aarch64-linux-gnu-gcc-12', 'clang', 'clang-19']);
    expect(['gcc', 'clang-19', 'clang-cl-19', 'model:clang-19'].map(cCompilerOf)).toEqual(['gcc', 'clang-19', 'clang-cl-19', 'model:clang-19']);
  });

  it('resolves g++ and clang++-19 to their family, compiling .c as C++ (and a .S as it is)', () => {
    const gxx = resolveToolchain(x86_64Linux, 'g++');
    expect(gxx).toMatchObject({ id: 'g++', bin: 'g++', family: 'gcc', lang: 'c++', debianPackage: 'g++' });
    const clangxx = resolveToolchain(aarch64Linux, 'clang++-19');
    expect(clangxx).toMatchObject({ bin: 'clang++-19', family: 'clang', lang: 'c++', targetArgs: ['--target=aarch64-linux-gnu'], debianPackage: 'clang-19' });
    const args = compileArgs({ tc: clangxx, flags: ['-O2'] }, 'callee.c', 'callee.o');
    expect(args.slice(args.indexOf('-x'), args.indexOf('callee.c') + 1)).toEqual(['-x', 'c++', '-c', 'callee.c']);
    expect(compileArgs({ tc: gxx, flags: [] }, 'callee.S', 'callee.o')).not.toContain('-x');
    expect(compileArgs({ tc: resolveToolchain(x86_64Linux, 'gcc'), flags: [] }, 'callee.c', 'callee.o')).not.toContain('-x');
  });

  it('has no C++ clang-cl and no model speaking a C++ driver', () => {
    for (const id of ['clang++-cl-19', 'model:g++', 'g+++']) expect(() => resolveToolchain(x86_64Linux, id), id).toThrow(UsageError);
  });
});
