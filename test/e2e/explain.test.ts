// abifuzz explain reads a C declaration with clang's own front end and prints where the model puts
// each parameter and the return value, with the rule, for each target asked.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Explained } from '../../src/explain/table.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('explain');
const DECL = 'struct S {float a; double b; char c;};\nstruct S f(int, struct S, long double, ...);\n';

async function explained(targets: string): Promise<Map<string, Explained>> {
  const file = join(await tmp(), 's.c');
  await writeFile(file, DECL);
  const r = await runCli(['explain', file, '--target', targets, '--json']);
  expect(r.exitCode, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { explained: Explained[] };
  return new Map(out.explained.map((e) => [e.target, e]));
}

const loc = (e: Explained, what: string): string => e.rows.find((r) => r.what === what)!.location;

describe('abifuzz explain', () => {
  it('x86_64-linux and x86_64-windows: struct S {float; double; char} f(int, struct S, long double, ...)', async () => {
    const m = await explained('x86_64-linux,x86_64-windows');
    const sysv = m.get('x86_64-linux')!;
    // 24 bytes: MEMORY (3.2.3 rule 5(c)); returned through rdi, back in rax; int in rsi; S and long double on the stack.
    expect(loc(sysv, 'return')).toBe('through memory the caller provides; its address in rdi[0..8), back in rax');
    expect(loc(sysv, 'arg0')).toBe('rsi[0..4)');
    expect(loc(sysv, 'arg1')).toBe('stack +0, 24 bytes');
    expect(loc(sysv, 'arg2')).toBe('stack +32, 16 bytes');
    expect(sysv.call).toMatchObject({ stackBytes: 48, al: 0 });
    expect(sysv.rows.find((r) => r.what === 'arg2')!.rule).toMatch(/X87/);
    const ms = m.get('x86_64-windows')!;
    expect(loc(ms, 'return')).toBe('through memory the caller provides; its address in rcx[0..8), back in rax');
    expect(loc(ms, 'arg0')).toBe('rdx[0..4)');
    expect(loc(ms, 'arg1')).toBe('by reference to a caller-made copy; the pointer in r8[0..8)');
    expect(loc(ms, 'arg2')).toBe('by reference to a caller-made copy; the pointer in r9[0..8)');
    expect(ms.call).toMatchObject({ homeBytes: 32 });
  });

  it('aarch64, riscv64 and armhf', async () => {
    const m = await explained('aarch64-linux,riscv64-linux,armhf-linux');
    const a64 = m.get('aarch64-linux')!;
    expect(loc(a64, 'return')).toBe('through memory the caller provides; its address in x8[0..8)');
    expect(loc(a64, 'arg0')).toBe('x0[0..4)');
    expect(loc(a64, 'arg1')).toBe('by reference to a caller-made copy; the pointer in x1[0..8)');
    expect(loc(a64, 'arg2')).toBe('v0[0..16)');
    const rv = m.get('riscv64-linux')!;
    expect(loc(rv, 'return')).toBe('through memory the caller provides; its address in a0[0..8)');
    expect(loc(rv, 'arg0')).toBe('a1[0..4) sign-extended to 8 bytes');
    expect(loc(rv, 'arg1')).toBe('by reference to a caller-made copy; the pointer in a2[0..8)');
    expect(loc(rv, 'arg2')).toBe('a3[0..8), a4[8..16)');
    const arm = m.get('armhf-linux')!;
    expect(loc(arm, 'return')).toBe('through memory the caller provides; its address in r0[0..4)');
    expect(loc(arm, 'arg1')).toBe('r2[0..4), r3[4..8), the rest at stack +0');
    expect(loc(arm, 'arg2')).toBe('stack +16, 8 bytes');
  });

  it('a file clang rejects is a one-line usage error', async () => {
    const file = join(await tmp(), 'bad.c');
    await writeFile(file, 'struct S f(int;\n');
    const r = await runCli(['explain', file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^abifuzz: .*bad\.c: .*error/);
  });
});
