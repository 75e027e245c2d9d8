/* abifuzz contract trampoline for 32-bit ARM, hard float (AAPCS with the VFP variant; armv7-a,
 * vfpv3-d16, so d0-d15 only). The caller calls abifuzz_tramp through a pointer of the callee's
 * exact type, so the callee sees the argument registers (r0-r3, s0-s15/d0-d7) and the stack
 * exactly as the caller left them. Until the callee returns the trampoline uses only ip (r12,
 * which no C convention passes anything in), lr once the return address is in the state, and
 * memory. It is ARM code (the caller's blx through a pointer switches to it); it calls the callee
 * with blx (which may be Thumb) and returns with bx lr. Executables are static and non-PIE, so the
 * state's absolute address comes from a literal pool.
 * Around the call it records sp, loads canaries into every callee-saved register and stores what
 * came back (contract.c compares), then restores the caller's registers and puts garbage into ip,
 * the only caller-saved register that can never hold a return value (r0-r3, d0-d7 can).
 * Layout of abifuzz_contract_state (contract.c): 0 target, 8 return address, 16 sp at the call,
 * 24 sp after return (32-bit values in the low half of 8-byte fields), 80 saved (caller's
 * registers), 336 got (after the callee), 592 canaries. Inside each 256-byte area: r4-r11 packed
 * at 0-28 (4 bytes each), d8-d15 at 32-88 (8 bytes each). */
#define S abifuzz_contract_state
#define SAVED 80
#define GOT 336
#define CANARY 592

	.syntax unified
	.arch armv7-a
	.fpu vfpv3-d16
	.text
	.arm

/* AAPCS 5.1.1 and 5.1.2.1: r4-r11 and d8-d15 (s16-s31) belong to the caller. */
	.globl abifuzz_tramp
	.type abifuzz_tramp, %function
	.hidden abifuzz_tramp
	.balign 4
abifuzz_tramp:
	ldr ip, =S
	str lr, [ip, #8]
	str sp, [ip, #16]
	add lr, ip, #SAVED
	stmia lr!, {r4-r11}
	vstmia lr, {d8-d15}
	add lr, ip, #CANARY
	ldmia lr!, {r4-r11}
	vldmia lr, {d8-d15}
	ldr ip, [ip, #0]
	blx ip
	/* ip and lr are the callee's to clobber: find the state again. */
	ldr ip, =S
	str sp, [ip, #24]
	ldr sp, [ip, #16] /* the callee must pop nothing: go on from where the caller was */
	add lr, ip, #GOT
	stmia lr!, {r4-r11}
	vstmia lr, {d8-d15}
	add lr, ip, #SAVED
	ldmia lr!, {r4-r11}
	vldmia lr, {d8-d15}
	ldr lr, [ip, #8]
	ldr ip, =0xdeadbeef
	bx lr
	.ltorg
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
	.ascii "0 r4 0 4;0 r5 4 4;0 r6 8 4;0 r7 12 4;0 r8 16 4;0 r9 20 4;0 r10 24 4;0 r11 28 4;"
	.asciz "0 d8 32 8;0 d9 40 8;0 d10 48 8;0 d11 56 8;0 d12 64 8;0 d13 72 8;0 d14 80 8;0 d15 88 8"
	.size abifuzz_contract_regs, .-abifuzz_contract_regs
	.globl abifuzz_contract_stack_align
	.type abifuzz_contract_stack_align, %object
	.balign 4
abifuzz_contract_stack_align:
	.long 8
	.size abifuzz_contract_stack_align, 4

	.section .note.GNU-stack,"",%progbits
