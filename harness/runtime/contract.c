/* abifuzz contract checks: what the callee must leave alone and what the caller must provide,
 * seen by the target's assembly trampoline (contract-<arch>.S). The caller arms the trampoline
 * with the callee and the function id, calls the trampoline through a pointer of the callee's
 * type, then asks for the verdict. Violations are reported as lines
 *   C <fn> <kind> <name> <expected hex> <received hex>
 * with kind callee-saved (name = the register), stack-pointer, stack-align or flags (name = DF,
 * DF-at-entry, MXCSR or x87-CW). */
#include <stdio.h>
#include <string.h>

/* Offsets shared with the trampolines: every field is 8 bytes on every target (32-bit targets
 * fill the low half, little-endian). */
enum { T_TARGET = 0, T_SP_ENTRY = 16, T_SP_EXIT = 24, T_FLAGS_ENTRY = 32, T_FLAGS_EXIT = 40,
       T_MXCSR_ENTRY = 48, T_MXCSR_EXIT = 56, T_FPCW_ENTRY = 64, T_FPCW_EXIT = 72,
       T_SAVED = 80, T_GOT = 720, T_CANARY = 1360, T_AREA = 640 };

extern unsigned char abifuzz_contract_state[];
/* "variant name offset size;..." from the trampoline: the callee-saved registers per variant. */
extern const char abifuzz_contract_regs[];
/* Stack alignment the ABI demands at the callee's entry (of the SP before the call instruction). */
extern const int abifuzz_contract_stack_align;

static unsigned long long field(int off) {
  unsigned long long v;
  memcpy(&v, abifuzz_contract_state + off, sizeof v);
  return v;
}

void abifuzz_emit(const char *line, int n); /* runtime.c */

static void hexbytes(char *out, const unsigned char *p, int n) {
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < n; i++) { /* most significant byte first, as a register reads */
    out[2 * i] = digits[p[n - 1 - i] >> 4];
    out[2 * i + 1] = digits[p[n - 1 - i] & 15];
  }
  out[2 * n] = 0;
}

static void violation(int fn, const char *kind, const char *name, unsigned long long exp, unsigned long long got) {
  char line[256];
  abifuzz_emit(line, snprintf(line, sizeof line, "C %d %s %s %llx %llx\n", fn, kind, name, exp, got));
}

void abifuzz_contract_arm(int fn, void (*callee)(void)) {
  memset(abifuzz_contract_state, 0, T_CANARY + T_AREA);
  void *target = (void *)callee;
  memcpy(abifuzz_contract_state + T_TARGET, &target, sizeof target);
  /* Canaries: distinct per function and per byte, never 0, never a plausible small value. */
  unsigned int x = 0x9e3779b9u * (unsigned int)(fn + 1);
  for (int i = 0; i < T_AREA; i++) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    abifuzz_contract_state[T_CANARY + i] = (unsigned char)(x | 1);
  }
}

static void check_registers(int fn, int variant) {
  const char *p = abifuzz_contract_regs;
  while (*p) {
    int v, off, size, used = 0;
    char name[16];
    if (sscanf(p, "%d %15s %d %d%n", &v, name, &off, &size, &used) != 4) return;
    p += used;
    if (*p == ';') p++;
    if (v > variant) return; /* the table lists the variants in order */
    if (v != variant) continue;
    const unsigned char *exp = abifuzz_contract_state + T_CANARY + off, *got = abifuzz_contract_state + T_GOT + off;
    if (memcmp(exp, got, (size_t)size) == 0) continue;
    char e[33], g[33], line[160];
    hexbytes(e, exp, size);
    hexbytes(g, got, size);
    abifuzz_emit(line, snprintf(line, sizeof line, "C %d callee-saved %s %s %s\n", fn, name, e, g));
  }
}

/* expected_pop: bytes the callee pops off the stack (i386 stdcall/fastcall and hidden struct
 * pointers), or -1 when the ABI model cannot say. */
void abifuzz_contract_check(int fn, int variant, int expected_pop) {
  unsigned long long sp = field(T_SP_ENTRY), align = (unsigned long long)abifuzz_contract_stack_align;
  if (sp % align) violation(fn, "stack-align", "sp", 0, sp % align);
  long long popped = (long long)(field(T_SP_EXIT) - sp);
  if (sizeof(void *) == 4) popped = (long long)(int)(unsigned int)popped;
  if (expected_pop >= 0 && popped != expected_pop) violation(fn, "stack-pointer", "sp", (unsigned long long)expected_pop, (unsigned long long)popped);
#if defined(__x86_64__) || defined(__i386__)
  const unsigned long long df = 1u << 10;
  if (field(T_FLAGS_ENTRY) & df) violation(fn, "flags", "DF-at-entry", 0, 1);
  if (field(T_FLAGS_EXIT) & df) violation(fn, "flags", "DF", 0, 1);
  /* Control bits only: the exception flags (MXCSR 0-5, x87 status) are the callee's to set. */
  if ((field(T_MXCSR_ENTRY) ^ field(T_MXCSR_EXIT)) & 0xffc0) violation(fn, "flags", "MXCSR", field(T_MXCSR_ENTRY) & 0xffff, field(T_MXCSR_EXIT) & 0xffff);
  if ((field(T_FPCW_ENTRY) ^ field(T_FPCW_EXIT)) & 0x1f3f) violation(fn, "flags", "x87-CW", field(T_FPCW_ENTRY) & 0xffff, field(T_FPCW_EXIT) & 0xffff);
#endif
  check_registers(fn, variant);
}
