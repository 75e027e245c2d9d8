/* abifuzz contract trampoline for riscv64 (LP64D, psABI "Integer/Floating-point Register
 * Convention"). The caller calls abifuzz_tramp through a pointer of the callee's exact type, so the
 * callee sees the argument registers (a0-a7, fa0-fa7) and the stack exactly as the caller left
 * them. Until the callee returns the trampoline uses only t0 (the state's address) and t1 (no C
 * convention passes anything in them) and memory; ra is kept in the state while the callee runs.
 * Around the call it records sp, loads canaries into every callee-saved register and stores what
 * came back (contract.c compares), then restores the caller's registers and puts garbage into the
 * caller-saved registers that can never hold a return value. gp and tp are left alone.
 * Layout of abifuzz_contract_state (contract.c): 0 target, 8 return address, 16 sp at the call,
 * 24 sp after return, 80 saved (caller's registers), 336 got (after the callee), 592 canaries.
 * Inside each 256-byte area: s0-s11 at 0-88, fs0-fs11 at 96-184 (8 bytes each); every offset is
 * within a 12-bit immediate of t0. Batches are linked with --no-relax. */
#define S abifuzz_contract_state
#define SAVED 80
#define GOT 336
#define CANARY 592

	.text

/* s0-s11 and fs0-fs11 (all 64 bits with the D extension) belong to the caller. */
	.macro store_regs area
	sd s0, \area+0(t0)
	sd s1, \area+8(t0)
	sd s2, \area+16(t0)
	sd s3, \area+24(t0)
	sd s4, \area+32(t0)
	sd s5, \area+40(t0)
	sd s6, \area+48(t0)
	sd s7, \area+56(t0)
	sd s8, \area+64(t0)
	sd s9, \area+72(t0)
	sd s10, \area+80(t0)
	sd s11, \area+88(t0)
	fsd fs0, \area+96(t0)
	fsd fs1, \area+104(t0)
	fsd fs2, \area+112(t0)
	fsd fs3, \area+120(t0)
	fsd fs4, \area+128(t0)
	fsd fs5, \area+136(t0)
	fsd fs6, \area+144(t0)
	fsd fs7, \area+152(t0)
	fsd fs8, \area+160(t0)
	fsd fs9, \area+168(t0)
	fsd fs10, \area+176(t0)
	fsd fs11, \area+184(t0)
	.endm

	.macro load_regs area
	ld s0, \area+0(t0)
	ld s1, \area+8(t0)
	ld s2, \area+16(t0)
	ld s3, \area+24(t0)
	ld s4, \area+32(t0)
	ld s5, \area+40(t0)
	ld s6, \area+48(t0)
	ld s7, \area+56(t0)
	ld s8, \area+64(t0)
	ld s9, \area+72(t0)
	ld s10, \area+80(t0)
	ld s11, \area+88(t0)
	fld fs0, \area+96(t0)
	fld fs1, \area+104(t0)
	fld fs2, \area+112(t0)
	fld fs3, \area+120(t0)
	fld fs4, \area+128(t0)
	fld fs5, \area+136(t0)
	fld fs6, \area+144(t0)
	fld fs7, \area+152(t0)
	fld fs8, \area+160(t0)
	fld fs9, \area+168(t0)
	fld fs10, \area+176(t0)
	fld fs11, \area+184(t0)
	.endm

	.globl abifuzz_tramp
	.type abifuzz_tramp, @function
	.hidden abifuzz_tramp
	.balign 4
abifuzz_tramp:
	lla t0, S
	sd ra, 8(t0)
	sd sp, 16(t0)
	store_regs SAVED
	load_regs CANARY
	ld t1, 0(t0)
	jalr ra, 0(t1)
	/* t0/t1 are the callee's to clobber: find the state again. */
	lla t0, S
	sd sp, 24(t0)
	ld sp, 16(t0) /* the callee must pop nothing: go on from where the caller was */
	store_regs GOT
	load_regs SAVED
	ld ra, 8(t0)
	/* Results come back in a0-a1 and fa0-fa1: everything else caller-saved gets garbage. */
	li t1, 0x5ca1ab1edeadbeef
	mv t0, t1; mv t2, t1; mv t3, t1; mv t4, t1; mv t5, t1; mv t6, t1
	mv a2, t1; mv a3, t1; mv a4, t1; mv a5, t1; mv a6, t1; mv a7, t1
	fmv.d.x ft0, t1; fmv.d.x ft1, t1; fmv.d.x ft2, t1; fmv.d.x ft3, t1
	fmv.d.x ft4, t1; fmv.d.x ft5, t1; fmv.d.x ft6, t1; fmv.d.x ft7, t1
	fmv.d.x ft8, t1; fmv.d.x ft9, t1; fmv.d.x ft10, t1; fmv.d.x ft11, t1
	fmv.d.x fa2, t1; fmv.d.x fa3, t1; fmv.d.x fa4, t1; fmv.d.x fa5, t1
	fmv.d.x fa6, t1; fmv.d.x fa7, t1
	ret
	.size abifuzz_tramp, .-abifuzz_tramp

	.data
	.balign 16
	.globl S
	.hidden S
	.type S, @object
	.size S, 1024
S:	.zero 1024

/* The registers checked: "variant name offset size" entries, ';'-separated (one variant, 0). */
	.section .rodata
	.globl abifuzz_contract_regs
	.type abifuzz_contract_regs, @object
abifuzz_contract_regs:
	.ascii "0 s0 0 8;0 s1 8 8;0 s2 16 8;0 s3 24 8;0 s4 32 8;0 s5 40 8;0 s6 48 8;0 s7 56 8;"
	.ascii "0 s8 64 8;0 s9 72 8;0 s10 80 8;0 s11 88 8;"
	.ascii "0 fs0 96 8;0 fs1 104 8;0 fs2 112 8;0 fs3 120 8;0 fs4 128 8;0 fs5 136 8;0 fs6 144 8;"
	.asciz "0 fs7 152 8;0 fs8 160 8;0 fs9 168 8;0 fs10 176 8;0 fs11 184 8"
	.size abifuzz_contract_regs, .-abifuzz_contract_regs
	.globl abifuzz_contract_stack_align
	.type abifuzz_contract_stack_align, @object
	.balign 4
abifuzz_contract_stack_align:
	.long 16
	.size abifuzz_contract_stack_align, 4

	.section .note.GNU-stack,"",@progbits
