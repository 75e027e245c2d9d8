// Where a psABI puts each argument and the return value: the one closed vocabulary every ABI
// module answers in (LLVM's ABIArgInfo), so the assembly emitters, `explain` and blame never
// special-case a target. Pure data.
//
// Conventions shared by every ABI module:
// - Byte ranges [from, to) are bytes of the value as it lies in memory (little-endian on every
//   target here), so a register part says which bytes of the object the register carries.
// - A register part starts at the register's byte 0: the value bytes are its low bytes.
// - Register names are the ISA's own, lower case, one spelling per register:
//   x86_64: rdi rsi rdx rcx r8 r9 rax, xmm0-15 / ymm0-15 / zmm0-31 (by the width used), st0 st1;
//   i386: eax edx ecx, st0 st1, mm0, xmm0-2;
//   aarch64: x0-x8, v0-v7 (the FP/SIMD register whatever the width);
//   riscv64: a0-a7, fa0-fa7;
//   arm: r0-r3, s0-s15 (single), d0-d7 (double or 8-byte vector), q0-q3 (16-byte vector).
// - Stack offsets count from the lowest address of the outgoing argument area, i.e. the stack
//   pointer at the call instruction (x86: the first byte above the return address the callee
//   sees). On Win64 the 32-byte home area is offsets 0-31, so the fifth argument is at 32.
// - `why` is the psABI rule that decided the location, quoted or cited by section, for `explain`.

/** What the psABI requires of the register bits above the value; absent: they are unspecified. */
export interface Extension {
  /** sign: copies of the value's top bit; zero: zeros; ones: all ones (RISC-V NaN-boxing). */
  kind: 'sign' | 'zero' | 'ones';
  /** Total bytes of the register that must follow the rule (e.g. 8: to 64 bits). */
  toBytes: number;
  /**
   * The value ends at this bit, inside its last byte or below it (a `_BitInt(29)` in 4 bytes): the
   * rule starts there. Absent: at the end of the value's bytes.
   */
  fromBit?: number;
}

/** Bytes [from, to) of the value, held in the low bytes of register `reg`. */
export interface RegPart {
  reg: string;
  from: number;
  to: number;
  extend?: Extension;
}

export type ArgLocation =
  /** The whole value in registers, one part per register (LLVM Direct / CoerceAndExpand). */
  | { kind: 'regs'; parts: RegPart[]; why: string }
  /** The whole value's bytes [0, size) at `offset` of the outgoing argument area (its slot's bytes above it extended, if said). */
  | { kind: 'stack'; offset: number; size: number; why: string; extend?: Extension }
  /** The first bytes in registers (parts in order), the bytes from the last part's `to` on at `stackOffset`. */
  | { kind: 'split'; parts: RegPart[]; stackOffset: number; why: string }
  /** A hidden pointer, itself at `pointer`, to a copy of the value (LLVM Indirect); `copy` says who makes it. */
  | { kind: 'by-ref'; copy: 'caller' | 'callee'; pointer: ArgLocation; why: string }
  /** Nothing is passed (an empty aggregate): LLVM Ignore. */
  | { kind: 'ignored'; why: string };

export type ReturnLocation =
  | { kind: 'void' }
  | { kind: 'regs'; parts: RegPart[]; why: string }
  /**
   * Through memory the caller provides: the hidden pointer is passed at `pointer` (before the
   * other arguments unless the ABI says otherwise) and handed back in `returnedIn` (rax, eax), or
   * not handed back (null: AAPCS64 x8).
   */
  | { kind: 'sret'; pointer: ArgLocation; returnedIn: string | null; why: string }
  | { kind: 'ignored'; why: string };

export interface CallPlan {
  /** One per argument: the fixed parameters, then the variadic ones, in order. */
  args: ArgLocation[];
  ret: ReturnLocation;
  /** Bytes of the outgoing argument area the call uses (home area included), before rounding. */
  stackBytes: number;
  /** Bytes the callee pops off the stack as it returns (i386 stdcall/fastcall, a hidden pointer). */
  calleePops: number;
  /** SysV x86-64 variadic calls: the value %al carries (vector registers used, an upper bound). */
  al?: number;
  /** Win64: bytes of home (shadow) area the caller reserves at offset 0. */
  homeBytes?: number;
}

/** A plan, or why the model cannot say (a counted skip for pairings with the model). */
export type PlanResult = { ok: true; plan: CallPlan } | { ok: false; reason: string };

/** Every register a location uses, in order (a by-ref's pointer included). */
export function registersOf(loc: ArgLocation | ReturnLocation): string[] {
  switch (loc.kind) {
    case 'regs':
    case 'split':
      return loc.parts.map((p) => p.reg);
    case 'by-ref':
      return registersOf(loc.pointer);
    case 'sret':
      return registersOf(loc.pointer);
    default:
      return [];
  }
}
