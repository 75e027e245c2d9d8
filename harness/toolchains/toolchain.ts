// A toolchain: one compiler driver for one target, with the flags that select the target.
export interface Toolchain {
  /** What users type: gcc, clang-19, clang-cl-19, aarch64-linux-gnu-gcc. */
  id: string;
  bin: string;
  /**
   * clang-cl: clang's MSVC-compatible driver (cl-style options, freestanding objects). model: the
   * project's psABI model, whose C glue and assembly the target's gcc (bin) builds.
   */
  family: 'gcc' | 'clang' | 'clang-cl' | 'model';
  /**
   * 'c++': the driver compiles the generated C sources as C++ (`-x c++`; g++, clang++-19,
   * aarch64-linux-gnu-g++), their declarations in abi.h under extern "C". Absent: C.
   */
  lang?: 'c++';
  target: string;
  /** Arguments every compile and link gets (target selection). */
  targetArgs: string[];
  /** Debian package that provides it. */
  debianPackage: string;
  /**
   * model:<compiler> where that compiler lays structs out otherwise than the target's gcc: the
   * compiler that builds the model's C glue, whose layouts are then the model's (the assembly is
   * still the target gcc's to assemble).
   */
  glue?: Toolchain;
}

/** A toolchain with the user's flags: one side of a pair (the caller's or the callee's). */
export interface Side {
  tc: Toolchain;
  flags: string[];
}

/** Whether a side compiles the generated sources as C++. */
export const isCxx = (s: Side): boolean => s.tc.lang === 'c++';

/**
 * The C compiler of a C++ driver's toolchain (g++ → gcc, clang++-19 → clang-19,
 * aarch64-linux-gnu-g++-12 → aarch64-linux-gnu-gcc-12); any other id unchanged. A C++ driver speaks
 * its C compiler's calling convention for extern "C" functions: its dialects and layouts are named
 * by that compiler.
 */
export const cCompilerOf = (id: string): string => id.replace(/^clang\+\+(?=$|-\d+$)/, 'clang').replace(/(^|-)g\+\+(?=$|-\d+$)/, '$1gcc');

export const sideLabel = (s: Side): string => [s.tc.id, ...s.flags].join(' ');
