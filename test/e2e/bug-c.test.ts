// bug.c with real compilers: a gcc vs clang-19 finding (a 4-byte float vector, which gcc passes in
// memory and clang in edi) gives bug.c, short per side, that builds alone from its header's commands
// and fails in the finding's combinations only; report.md tabulates the four and shows each
// compiler's assembly; interesting.sh says "interesting" of it and not of a fixed one.
import { execa } from 'execa';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('bug-c');

/** Lines between `#ifdef <macro>` and its `#endif`. */
const sideLines = (text: string, macro: string): string[] => {
  const lines = text.split('\n');
  const from = lines.indexOf(`#ifdef ${macro}`);
  return lines.slice(from + 1, lines.findIndex((l, i) => i > from && l.startsWith('#endif')));
};

describe('bug.c on x86_64-linux, gcc vs clang-19', () => {
  it('a 4-byte float vector: bug.c alone reproduces A -> B and B -> A, not A -> A or B -> B; interesting.sh agrees', async () => {
    const r = await runCli(['fuzz', '--caller', 'gcc', '--callee', 'clang-19', '--seed', '3', '--path', '169:0:1:0:3', '--show-known', '--json', '--out', await tmp()]);
    const summary = JSON.parse(r.stdout) as Summary;
    const [b] = summary.buckets;
    expect(b).toMatchObject({ kind: 'arg' });
    const text = await readFile(join(b!.caseDir, 'bug.c'), 'utf8');
    expect(text).toContain('vector_size(4)');
    expect(sideLines(text, 'SIDE_CALLEE').length).toBeLessThanOrEqual(25);
    expect(sideLines(text, 'SIDE_CALLER').length).toBeLessThanOrEqual(25);
    expect(text).not.toMatch(/abifuzz_|#include "/);

    // Alone in a folder, built as its header says (A -> B), then the other three combinations by hand.
    const dir = await tmp();
    await writeFile(join(dir, 'bug.c'), text);
    const header = [...text.matchAll(/^ \* {3}\$ (.*)$/gm)].map((m) => m[1]!);
    expect(header).toHaveLength(4);
    const ab = await execa('sh', ['-c', header.join(' && ')], { cwd: dir, reject: false });
    expect(ab.exitCode, ab.stderr).toBe(1);
    expect(ab.stdout).toMatch(/^arg0: expected [0-9a-f]{8} received [0-9a-f]{8}$/m);
    const combo = (main: string, fn: string) =>
      execa('sh', ['-c', `${main} -c bug.c -o m.o -DSIDE_CALLER && ${fn} -c bug.c -o f.o -DSIDE_CALLEE && gcc m.o f.o -o x.exe && ./x.exe`], { cwd: dir, reject: false });
    expect((await combo('gcc', 'gcc')).exitCode).toBe(0);
    expect((await combo('clang-19', 'clang-19')).exitCode).toBe(0);
    expect((await combo('clang-19', 'gcc')).exitCode).toBe(1);

    const report = await readFile(join(b!.caseDir, 'report.md'), 'utf8');
    expect(report).toMatch(/\| A -> B \| `gcc` \| `clang-19` \| disagrees: `arg0: expected/);
    expect(report).toMatch(/\| A -> A \| `gcc` \| `gcc` \| agrees \|/);
    expect(report).toMatch(/\| B -> B \| `clang-19` \| `clang-19` \| agrees \|/);
    expect(report).toMatch(/### f169 as compiled, `gcc`\n\n```asm\nf169:/);
    expect(report).toMatch(/### f169 as compiled, `clang-19`[\s\S]*%edi/); // clang reads it from edi
    expect(report).toContain('cvise --n 2 interesting.sh bug.c');

    const interesting = (cwd: string) => execa('sh', [join(b!.caseDir, 'interesting.sh')], { cwd, reject: false });
    expect((await interesting(dir)).exitCode).toBe(0);
    // The same function with an int instead of the vector: both compilers agree, nothing to reduce to.
    const fixedDir = await tmp();
    await writeFile(join(fixedDir, 'bug.c'), text.replace(/typedef float vec4_float __attribute__\(\(vector_size\(4\)\)\);/, 'typedef int vec4_float;'));
    expect((await interesting(fixedDir)).exitCode).toBe(1);
  });
});

describe('bug.c on x86_64-windows under wine, mingw gcc vs clang-19', () => {
  it('an ms_abi _Float16 (gcc: cx, clang: xmm0): the four combinations as they ran, and no path of this machine', async () => {
    const r = await runCli(['fuzz', '--target', 'x86_64-windows', '--caller', 'x86_64-w64-mingw32-gcc', '--callee', 'clang-19', '--seed', '3', '--path', '11:0:2:0:1',
      '--show-known', '--json', '--out', await tmp()]);
    const [b] = (JSON.parse(r.stdout) as Summary).buckets;
    const report = await readFile(join(b!.caseDir, 'report.md'), 'utf8');
    expect(report).toMatch(/\| A -> B \| `x86_64-w64-mingw32-gcc` \| `clang-19` \| disagrees: `arg0: expected/); // bug.c's exit 1 is no exception
    expect(report).toMatch(/\| A -> A \| `x86_64-w64-mingw32-gcc` \| `x86_64-w64-mingw32-gcc` \| agrees \|/);
    expect(report).toMatch(/\| B -> B \| `clang-19` \| `clang-19` \| agrees \|/);
    expect(report).toMatch(/### f11 as compiled, `x86_64-w64-mingw32-gcc`[\s\S]*%cx/);
    expect(report).toMatch(/### f11 as compiled, `clang-19`[\s\S]*%xmm0/);
    for (const file of ['bug.c', 'interesting.sh']) expect(await readFile(join(b!.caseDir, file), 'utf8')).not.toContain(os.homedir());
  });
});
