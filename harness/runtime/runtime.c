/* abifuzz runtime: main and the reporting, built once per toolchain and linked into every batch.
 * Output protocol, one line per event, written unbuffered so a crash loses nothing:
 *   B <fn>                                   about to test function <fn>
 *   E <fn>                                   function <fn> returned and was checked
 *   M <side> <fn> <path> <offset> <expected hex> <received hex>   a leaf mismatch (side 0 callee, 1 caller;
 *                                            side 1 with an argN path: the caller's own argument object,
 *                                            checked again after the call, was changed by it)
 *   L <side> <fn> <key> <a> <b>              a layout fact (sizeof/alignof, or offsetof and 0)
 * With arguments, only the listed function ids run, in that order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void (*const abifuzz_tests[])(void);
extern const int abifuzz_test_ids[];
extern const int abifuzz_ntests;

/* One protocol line, written unbuffered (contract.c reports through it too). */
void abifuzz_emit(const char *line, int n) {
  while (n > 0) {
    ssize_t w = write(1, line, (size_t)n);
    if (w <= 0) return;
    line += w;
    n -= (int)w;
  }
}

static void hex(char *out, const unsigned char *p, int n) {
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < n; i++) {
    out[2 * i] = digits[p[i] >> 4];
    out[2 * i + 1] = digits[p[i] & 15];
  }
  out[2 * n] = 0;
}

void abifuzz_zero(void *dst, unsigned long n) { memset(dst, 0, n); }

void abifuzz_set(void *dst, const char *src, int n) { memcpy(dst, src, (size_t)n); }

/* The callee overwrites its own by-value parameter (valid C, never visible to the caller): every bit
 * inverted, so any leaf written through to the caller's object differs, even a 1-bit field. In this
 * TU so the compiler of the callee cannot drop the write. */
void abifuzz_scramble(void *p, unsigned long n) {
  unsigned char *b = (unsigned char *)p;
  for (unsigned long i = 0; i < n; i++) b[i] = (unsigned char)~b[i];
}

void abifuzz_check(int side, int fn, const char *path, int offset, const void *got, const char *exp, int n) {
  if (memcmp(got, exp, (size_t)n) == 0) return;
  char e[2 * 64 + 1], g[2 * 64 + 1], line[512];
  if (n > 64) n = 64;
  hex(e, (const unsigned char *)exp, n);
  hex(g, (const unsigned char *)got, n);
  abifuzz_emit(line, snprintf(line, sizeof line, "M %d %d %s %d %s %s\n", side, fn, path, offset, e, g));
}

void abifuzz_check_bits(int side, int fn, const char *path, unsigned long long got, unsigned long long exp) {
  if (got == exp) return;
  char line[512];
  abifuzz_emit(line, snprintf(line, sizeof line, "M %d %d %s 0 %llx %llx\n", side, fn, path, exp, got));
}

void abifuzz_check_ptr(int side, int fn, const char *path, const void *got, const void *exp) {
  if (got == exp) return;
  char line[512];
  abifuzz_emit(line, snprintf(line, sizeof line, "M %d %d %s 0 %llx %llx\n", side, fn, path,
                      (unsigned long long)(size_t)exp, (unsigned long long)(size_t)got));
}

void abifuzz_layout(int side, int fn, const char *key, unsigned long long a, unsigned long long b) {
  char line[512];
  abifuzz_emit(line, snprintf(line, sizeof line, "L %d %d %s %llu %llu\n", side, fn, key, a, b));
}

/* Fills the stack the test is about to use with one pattern, so a side that reads memory nobody
 * wrote (a struct returned in registers but read from the caller's buffer) sees the same bytes on
 * every run, and never the value expected: findings reproduce alone and shrink. */
static void __attribute__((noinline)) poison_stack(void) {
  volatile unsigned char pad[16384];
  for (unsigned i = 0; i < sizeof pad; i++) pad[i] = 0xa5;
}

static void run_one(int pos) {
  char line[64];
  abifuzz_emit(line, snprintf(line, sizeof line, "B %d\n", abifuzz_test_ids[pos]));
  poison_stack(); /* right before the test: snprintf's frames would overwrite it */
  abifuzz_tests[pos]();
  abifuzz_emit(line, snprintf(line, sizeof line, "E %d\n", abifuzz_test_ids[pos]));
}

int main(int argc, char **argv) {
  if (argc == 1) {
    for (int i = 0; i < abifuzz_ntests; i++) run_one(i);
    return 0;
  }
  for (int a = 1; a < argc; a++) {
    int id = atoi(argv[a]);
    for (int i = 0; i < abifuzz_ntests; i++)
      if (abifuzz_test_ids[i] == id) run_one(i);
  }
  return 0;
}

/* clang (19 and 22) calls __truncsfbf2 (float to __bf16, libgcc 13 and later) when it passes a
 * __bf16 through a function pointer whose type carries a calling-convention attribute; gcc 12's
 * libgcc has none, so such batches would not link. Not weak (mingw's ld leaves a COFF weak
 * external unresolved); libgcc is an archive, so a libgcc that has it does not clash. Written without
 * __bf16 (gcc 12 has none on x86): the result is read from the low 16 bits of the register a float
 * is returned in (x86_64 SysV and Win64: xmm0; aarch64: s0/h0), so a float whose low half holds
 * the __bf16 bits returns it. */
#if defined(__x86_64__) || defined(__aarch64__)
float __truncsfbf2(float f) {
  unsigned int u;
  __builtin_memcpy(&u, &f, 4);
  if ((u & 0x7fffffffu) > 0x7f800000u) u |= 0x00400000u; /* a NaN stays a (quiet) NaN */
  else u += 0x7fffu + ((u >> 16) & 1u);                   /* round to nearest, ties to even */
  unsigned int bits = u >> 16;
  float r;
  __builtin_memcpy(&r, &bits, 4);
  return r;
}
#endif

/* What function-pointer values point at (src/model/types.ts FUNCTION_TARGETS): target k returns
 * x * (k + 3) + 256 * (k + 1), so a call through a pointer says which one it reached. */
int abifuzz_target_0(int x) { return x * 3 + 256; }
int abifuzz_target_1(int x) { return x * 4 + 512; }
int abifuzz_target_2(int x) { return x * 5 + 768; }
int abifuzz_target_3(int x) { return x * 6 + 1024; }

/* libatomic's generic entry points, which gcc and clang call for an _Atomic object that is not
 * lock-free (gcc: sizes 3, 5-7, 9-15; 16 bytes on x86_64 without cmpxchg16b: __atomic_load_16), so
 * a batch with _Atomic types links without libatomic (not installed for every target here). The
 * programs are single-threaded: a plain copy is atomic enough. Named through asm labels: gcc knows
 * these names as built-ins with other prototypes. */
typedef __SIZE_TYPE__ abifuzz_size_t;
static void abifuzz_copy(void *dst, const volatile void *src, abifuzz_size_t n) {
  unsigned char *d = dst;
  const volatile unsigned char *s = src;
  while (n--) *d++ = *s++;
}
void abifuzz_atomic_load(abifuzz_size_t n, const volatile void *src, void *dst, int order) __asm__("__atomic_load");
void abifuzz_atomic_load(abifuzz_size_t n, const volatile void *src, void *dst, int order) { (void)order; abifuzz_copy(dst, src, n); }
void abifuzz_atomic_store(abifuzz_size_t n, volatile void *dst, void *src, int order) __asm__("__atomic_store");
void abifuzz_atomic_store(abifuzz_size_t n, volatile void *dst, void *src, int order) { (void)order; abifuzz_copy((void *)dst, src, n); }
#ifdef __SIZEOF_INT128__
unsigned __int128 abifuzz_atomic_load_16(const volatile void *p, int order) __asm__("__atomic_load_16");
unsigned __int128 abifuzz_atomic_load_16(const volatile void *p, int order) { unsigned __int128 v; (void)order; abifuzz_copy(&v, p, 16); return v; }
void abifuzz_atomic_store_16(volatile void *p, unsigned __int128 v, int order) __asm__("__atomic_store_16");
void abifuzz_atomic_store_16(volatile void *p, unsigned __int128 v, int order) { (void)order; abifuzz_copy((void *)p, &v, 16); }
#endif
