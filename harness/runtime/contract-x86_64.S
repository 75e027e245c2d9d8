/* abifuzz contract trampolines for x86_64: SysV AMD64 (abifuzz_tramp_sysv) and Microsoft x64
 * (abifuzz_tramp_ms, also for vectorcall). The caller calls a trampoline through a pointer of the
 * callee's exact type; the trampoline takes its own return address off the stack and calls the
 * callee, so the callee sees the argument registers, %al and the stack exactly as the caller left
 * them. Around the call it records rsp, rflags, MXCSR and the x87 control word, loads canaries
 * into every callee-saved register and stores what came back (contract.c compares). It uses only
 * r10/r11 (argument registers in no C convention) and memory, and never touches rax, rdx, xmm0-3
 * or st0/st1 after the call.
 * Layout of abifuzz_contract_state (contract.c): 0 target, 8 return address, 16 rsp at the call,
 * 24 rsp after return, 32/40 rflags, 48/56 MXCSR, 64/72 x87 CW, 80 saved (caller's registers),
 * 336 got (after the callee), 592 canaries. */
#define S abifuzz_contract_state

#ifdef __ELF__
#define FUNC(name) .globl name; .type name, @function; .hidden name; name:
#define END(name) .size name, .-name
#else
#define FUNC(name) .globl name; name:
#define END(name)
#endif

	.text

/* Register slots (offsets into saved/got/canary) - keep in step with the table below. */
#define STORE_GPRS(area) \
	movq %rbx, S+area+0(%rip); movq %rbp, S+area+8(%rip); movq %r12, S+area+16(%rip); \
	movq %r13, S+area+24(%rip); movq %r14, S+area+32(%rip); movq %r15, S+area+40(%rip)
#define LOAD_GPRS(area) \
	movq S+area+0(%rip), %rbx; movq S+area+8(%rip), %rbp; movq S+area+16(%rip), %r12; \
	movq S+area+24(%rip), %r13; movq S+area+32(%rip), %r14; movq S+area+40(%rip), %r15
/* Microsoft x64 adds rdi, rsi and all 128 bits of xmm6-xmm15. */
#define STORE_MS(area) \
	movq %rdi, S+area+48(%rip); movq %rsi, S+area+56(%rip); \
	movdqu %xmm6, S+area+64(%rip); movdqu %xmm7, S+area+80(%rip); movdqu %xmm8, S+area+96(%rip); \
	movdqu %xmm9, S+area+112(%rip); movdqu %xmm10, S+area+128(%rip); movdqu %xmm11, S+area+144(%rip); \
	movdqu %xmm12, S+area+160(%rip); movdqu %xmm13, S+area+176(%rip); movdqu %xmm14, S+area+192(%rip); \
	movdqu %xmm15, S+area+208(%rip)
#define LOAD_MS(area) \
	movq S+area+48(%rip), %rdi; movq S+area+56(%rip), %rsi; \
	movdqu S+area+64(%rip), %xmm6; movdqu S+area+80(%rip), %xmm7; movdqu S+area+96(%rip), %xmm8; \
	movdqu S+area+112(%rip), %xmm9; movdqu S+area+128(%rip), %xmm10; movdqu S+area+144(%rip), %xmm11; \
	movdqu S+area+160(%rip), %xmm12; movdqu S+area+176(%rip), %xmm13; movdqu S+area+192(%rip), %xmm14; \
	movdqu S+area+208(%rip), %xmm15

#define ENTRY_STATE \
	popq S+8(%rip); \
	movq %rsp, S+16(%rip); \
	pushfq; popq S+32(%rip); \
	stmxcsr S+48(%rip); \
	fnstcw S+64(%rip)

#define EXIT_STATE \
	movq %rsp, S+24(%rip); \
	movq S+16(%rip), %rsp; /* the callee must pop nothing: go on from where the caller was */ \
	pushfq; popq S+40(%rip); \
	stmxcsr S+56(%rip); \
	fnstcw S+72(%rip); \
	cld; ldmxcsr S+48(%rip); fldcw S+64(%rip)

/* Garbage into a caller-saved register the caller must not rely on after the call. */
#define GARBAGE 0x5ca1ab1edeadbeef

FUNC(abifuzz_tramp_sysv)
	ENTRY_STATE
	STORE_GPRS(80)
	LOAD_GPRS(592)
	call *S+0(%rip)
	EXIT_STATE
	STORE_GPRS(336)
	LOAD_GPRS(80)
	/* SysV returns in rax, rdx, xmm0, xmm1, st0, st1, and clang returns vectors wider than the
	 * vector unit in xmm0-xmm3: everything else caller-saved gets garbage. */
	movabsq $GARBAGE, %rcx
	movq %rcx, %rsi; movq %rcx, %rdi; movq %rcx, %r8; movq %rcx, %r9; movq %rcx, %r10
	movq %rcx, %xmm4; movq %rcx, %xmm5; movq %rcx, %xmm6
	movq %rcx, %xmm7; movq %rcx, %xmm8; movq %rcx, %xmm9; movq %rcx, %xmm10; movq %rcx, %xmm11
	movq %rcx, %xmm12; movq %rcx, %xmm13; movq %rcx, %xmm14; movq %rcx, %xmm15
	movq S+8(%rip), %r11
	jmp *%r11
END(abifuzz_tramp_sysv)

FUNC(abifuzz_tramp_ms)
	ENTRY_STATE
	STORE_GPRS(80)
	STORE_MS(80)
	LOAD_GPRS(592)
	LOAD_MS(592)
	call *S+0(%rip)
	EXIT_STATE
	STORE_GPRS(336)
	STORE_MS(336)
	LOAD_GPRS(80)
	LOAD_MS(80)
	/* Microsoft x64 returns in rax and xmm0 (vectorcall: xmm0-xmm3). The 32-byte home space above
	 * the return address belonged to the callee: overwrite it too. */
	movabsq $GARBAGE, %rcx
	movq %rcx, 0(%rsp); movq %rcx, 8(%rsp); movq %rcx, 16(%rsp); movq %rcx, 24(%rsp)
	movq %rcx, %rdx; movq %rcx, %r8; movq %rcx, %r9; movq %rcx, %r10
	movq %rcx, %xmm4; movq %rcx, %xmm5
	movq S+8(%rip), %r11
	jmp *%r11
END(abifuzz_tramp_ms)

	.data
	.balign 16
	.globl S
#ifdef __ELF__
	.hidden S
	.type S, @object
	.size S, 1024
#endif
S:	.zero 1024

/* The registers each variant checks: "variant name offset size" entries, ';'-separated.
 * 0 = SysV (psABI 3.2.1: rbx, rbp, r12-r15), 1 = Microsoft x64 (x64 calling convention,
 * "Callee/caller saved registers": also rdi, rsi, xmm6-xmm15). */
	.section .rodata
	.globl abifuzz_contract_regs
abifuzz_contract_regs:
	.ascii "0 rbx 0 8;0 rbp 8 8;0 r12 16 8;0 r13 24 8;0 r14 32 8;0 r15 40 8;"
	.ascii "1 rbx 0 8;1 rbp 8 8;1 r12 16 8;1 r13 24 8;1 r14 32 8;1 r15 40 8;1 rdi 48 8;1 rsi 56 8;"
	.ascii "1 xmm6 64 16;1 xmm7 80 16;1 xmm8 96 16;1 xmm9 112 16;1 xmm10 128 16;1 xmm11 144 16;"
	.asciz "1 xmm12 160 16;1 xmm13 176 16;1 xmm14 192 16;1 xmm15 208 16"
	.globl abifuzz_contract_stack_align
	.balign 4
abifuzz_contract_stack_align:
	.long 16

#ifdef __ELF__
	.section .note.GNU-stack,"",@progbits
#endif
