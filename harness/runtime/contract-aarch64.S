/* abifuzz contract trampoline for aarch64 (AAPCS64). The caller calls abifuzz_tramp through a
 * pointer of the callee's exact type, so the callee sees the argument registers (x0-x7, v0-v7),
 * the indirect-result register x8 and the stack exactly as the caller left them. Until the callee
 * returns the trampoline uses only x16/x17 (IP0/IP1, which no C convention passes anything in) and
 * memory; the return address (x30) is kept in the state while the callee runs.
 * Around the call it records sp, loads canaries into every callee-saved register and stores what
 * came back (contract.c compares), then restores the caller's registers and puts garbage into the
 * caller-saved registers that can never hold a return value.
 * Layout of abifuzz_contract_state (contract.c): 0 target, 8 return address, 16 sp at the call,
 * 24 sp after return, 80 saved (caller's registers), 336 got (after the callee), 592 canaries.
 * Inside each 256-byte area: x19-x28 at 0-72, x29 at 80, d8-d15 at 88-144 (8 bytes each). The
 * areas lie beyond the reach of ldp/stp's immediate (-512..504), so x17 points at the area. */
#define S abifuzz_contract_state
#define SAVED 80
#define GOT 336
#define CANARY 592

	.text

/* AAPCS64 6.1.1: x19-x29 and the low 64 bits of v8-v15 belong to the caller. */
	.macro store_regs base
	stp x19, x20, [\base, #0]
	stp x21, x22, [\base, #16]
	stp x23, x24, [\base, #32]
	stp x25, x26, [\base, #48]
	stp x27, x28, [\base, #64]
	str x29, [\base, #80]
	stp d8, d9, [\base, #88]
	stp d10, d11, [\base, #104]
	stp d12, d13, [\base, #120]
	stp d14, d15, [\base, #136]
	.endm

	.macro load_regs base
	ldp x19, x20, [\base, #0]
	ldp x21, x22, [\base, #16]
	ldp x23, x24, [\base, #32]
	ldp x25, x26, [\base, #48]
	ldp x27, x28, [\base, #64]
	ldr x29, [\base, #80]
	ldp d8, d9, [\base, #88]
	ldp d10, d11, [\base, #104]
	ldp d12, d13, [\base, #120]
	ldp d14, d15, [\base, #136]
	.endm

	.globl abifuzz_tramp
	.type abifuzz_tramp, %function
	.hidden abifuzz_tramp
	.balign 16
abifuzz_tramp:
	adrp x16, S
	add x16, x16, :lo12:S
	str x30, [x16, #8]
	mov x17, sp
	str x17, [x16, #16]
	add x17, x16, #SAVED
	store_regs x17
	add x17, x16, #CANARY
	load_regs x17
	ldr x17, [x16, #0]
	blr x17
	/* x16/x17 are the callee's to clobber: find the state again. */
	adrp x16, S
	add x16, x16, :lo12:S
	mov x17, sp
	str x17, [x16, #24]
	ldr x17, [x16, #16]
	mov sp, x17 /* the callee must pop nothing: go on from where the caller was */
	add x17, x16, #GOT
	store_regs x17
	add x17, x16, #SAVED
	load_regs x17
	ldr x30, [x16, #8]
	/* Results come back in x0-x1 (larger ones through the memory x8 pointed at) and v0-v3 (HFA,
	 * HVA): everything else caller-saved gets garbage, including x8 (not preserved by the callee)
	 * and the upper halves of v8-v15 (only the low 64 bits are callee-saved). */
	movz x9, #0xbeef
	movk x9, #0xdead, lsl #16
	movk x9, #0xab1e, lsl #32
	movk x9, #0x5ca1, lsl #48
	mov x2, x9; mov x3, x9; mov x4, x9; mov x5, x9; mov x6, x9; mov x7, x9; mov x8, x9
	mov x10, x9; mov x11, x9; mov x12, x9; mov x13, x9; mov x14, x9; mov x15, x9
	mov x16, x9; mov x17, x9
	dup v4.2d, x9; dup v5.2d, x9; dup v6.2d, x9; dup v7.2d, x9
	mov v8.d[1], x9; mov v9.d[1], x9; mov v10.d[1], x9; mov v11.d[1], x9
	mov v12.d[1], x9; mov v13.d[1], x9; mov v14.d[1], x9; mov v15.d[1], x9
	dup v16.2d, x9; dup v17.2d, x9; dup v18.2d, x9; dup v19.2d, x9
	dup v20.2d, x9; dup v21.2d, x9; dup v22.2d, x9; dup v23.2d, x9
	dup v24.2d, x9; dup v25.2d, x9; dup v26.2d, x9; dup v27.2d, x9
	dup v28.2d, x9; dup v29.2d, x9; dup v30.2d, x9; dup v31.2d, x9
	ret
	.size abifuzz_tramp, .-abifuzz_tramp

	.data
	.balign 16
	.globl S
	.hidden S
	.type S, %object
	.size S, 1024
S:	.zero 1024

/* The registers checked: "variant name offset size" entries, ';'-separated (one variant, 0). */
	.section .rodata
	.globl abifuzz_contract_regs
	.type abifuzz_contract_regs, %object
abifuzz_contract_regs:
	.ascii "0 x19 0 8;0 x20 8 8;0 x21 16 8;0 x22 24 8;0 x23 32 8;0 x24 40 8;0 x25 48 8;0 x26 56 8;"
	.ascii "0 x27 64 8;0 x28 72 8;0 x29 80 8;"
	.asciz "0 d8 88 8;0 d9 96 8;0 d10 104 8;0 d11 112 8;0 d12 120 8;0 d13 128 8;0 d14 136 8;0 d15 144 8"
	.size abifuzz_contract_regs, .-abifuzz_contract_regs
	.globl abifuzz_contract_stack_align
	.type abifuzz_contract_stack_align, %object
	.balign 4
abifuzz_contract_stack_align:
	.long 16
	.size abifuzz_contract_stack_align, 4

	.section .note.GNU-stack,"",%progbits
