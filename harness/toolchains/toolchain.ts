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

export const sideLabel = (s: Side): string => [s.tc.id, ...s.flags].join(' ');
