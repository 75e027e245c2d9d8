/* abifuzz contract trampoline for i386 (every convention: cdecl, stdcall, fastcall, regparm).
 * regparm(3) passes arguments in eax, edx and ecx and fastcall in ecx and edx, so until the callee
 * returns this uses no register at all, only memory (executables are static, non-PIE: absolute
 * addresses). It takes its own return address off the stack and calls the callee, which sees the
 * arguments exactly where the caller put them; callee-pops conventions pop as they would with a
 * direct call, and the trampoline returns to the caller with that stack pointer.
 * Layout of abifuzz_contract_state: see contract.c (0 target, 8 return address, 16 esp at the call,
 * 24 esp after return, 32/40 eflags, 48/56 MXCSR, 64/72 x87 CW, 80 saved, 336 got, 592 canaries). */
#define S abifuzz_contract_state

	.text
	.globl abifuzz_tramp
	.type abifuzz_tramp, @function
	.hidden abifuzz_tramp
abifuzz_tramp:
	popl S+8
	movl %esp, S+16
	pushfl
	popl S+32
	stmxcsr S+48
	fnstcw S+64
	/* i386 psABI: ebx, esi, edi and ebp belong to the caller. */
	movl %ebx, S+80
	movl %esi, S+84
	movl %edi, S+88
	movl %ebp, S+92
	movl S+592, %ebx
	movl S+596, %esi
	movl S+600, %edi
	movl S+604, %ebp
	call *S+0
	/* Returns are in eax, edx, st0 (st1), mm0 or xmm0: ecx is free from here on. */
	movl %esp, S+24
	pushfl
	popl S+40
	stmxcsr S+56
	fnstcw S+72
	cld
	ldmxcsr S+48
	fldcw S+64
	movl %ebx, S+336
	movl %esi, S+340
	movl %edi, S+344
	movl %ebp, S+348
	movl S+80, %ebx
	movl S+84, %esi
	movl S+88, %edi
	movl S+92, %ebp
	movl S+8, %ecx
	pushl %ecx
	movl $0xdeadbeef, %ecx
	ret
	.size abifuzz_tramp, .-abifuzz_tramp

	.data
	.balign 16
	.globl S
	.hidden S
	.type S, @object
	.size S, 1024
S:	.zero 1024

	.section .rodata
	.globl abifuzz_contract_regs
abifuzz_contract_regs:
	.asciz "0 ebx 0 4;0 esi 4 4;0 edi 8 4;0 ebp 12 4"
	.globl abifuzz_contract_stack_align
	.balign 4
abifuzz_contract_stack_align:
	.long 16

	.section .note.GNU-stack,"",@progbits
