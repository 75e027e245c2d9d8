// The built CLI with real compilers: clean pairs give nothing, planted incompatibilities are found.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summarySchema } from '../../src/report/summary-schema.js';
import type { Summary } from '../../src/report/summary.js';
import { runCli } from '../helpers/run-cli.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
async function out(): Promise<string> {
  const d = await mkdtemp(join(os.tmpdir(), 'abifuzz-e2e-'));
  dirs.push(d);
  return d;
}

async function fuzzJson(args: string[]): Promise<{ exitCode: number; summary: Summary; dir: string }> {
  const dir = await out();
  const r = await runCli(['fuzz', '--target', 'x86_64-linux', '--json', '--out', dir, '--batch', '100', '--no-shrink', ...args]);
  expect(r.stdout.trim().split('\n'), 'exactly one JSON object on stdout').toHaveLength(1);
  const summary = JSON.parse(r.stdout) as Summary;
  const valid = summarySchema.safeParse(summary);
  expect(valid.success, JSON.stringify(valid.error?.issues[0])).toBe(true);
  return { exitCode: r.exitCode, summary, dir };
}

describe('abifuzz fuzz on x86_64-linux', () => {
  it('gcc -O0 calling gcc -O2 agrees on every byte (no false positives)', async () => {
    const { exitCode, summary } = await fuzzJson(['--caller', 'gcc', '--callee', 'gcc', '--callee-flags=-O2', '--runs', '200', '--seed', '101']);
    expect(summary.findings).toEqual([]);
    expect(summary.signaturesChecked).toBe(200);
    expect(exitCode).toBe(0);
  });

  it('clang-19 -O2 calling clang-19 -O0 agrees on every byte', async () => {
    const { exitCode, summary } = await fuzzJson(['--caller', 'clang-19', '--caller-flags=-O2', '--callee', 'clang-19', '--runs', '200', '--seed', '202']);
    expect(summary.findings).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('finds a caller built with -fpcc-struct-return: return and arg findings, saved with their sources', async () => {
    const { exitCode, summary, dir } = await fuzzJson(['--caller', 'gcc', '--caller-flags=-fpcc-struct-return', '--callee', 'gcc', '--runs', '300', '--seed', '3']);
    expect(exitCode).toBe(1);
    const kinds = new Set(summary.findings.map((f) => f.kind));
    expect(kinds).toContain('return');
    expect(kinds).toContain('arg');
    const ret = summary.findings.find((f) => f.kind === 'return')!;
    expect(ret.declaration).toMatch(new RegExp(`\\b${ret.function}\\(`));
    const saved = JSON.parse(await readFile(ret.caseFile, 'utf8'));
    expect(saved).toMatchObject({ seed: 3, target: 'x86_64-linux', caller: { toolchain: 'gcc', flags: ['-fpcc-struct-return'] } });
    const files = await readdir(join(ret.caseFile, '..'));
    expect(files).toEqual(expect.arrayContaining(['case.json', 'abi.h', 'caller.c', 'callee.c', 'runtime.c', 'repro.sh', 'repro.c', 'report.md']));
    const onDisk = JSON.parse(await readFile(join(summary.runDir, 'summary.json'), 'utf8'));
    expect(onDisk.findings.length).toBe(summary.findings.length);
    expect(summary.runDir.startsWith(dir)).toBe(true);
  });

  it('traces crashes of a callee built with -fpcc-struct-return to their functions and checks the rest', async () => {
    const { exitCode, summary } = await fuzzJson(['--caller', 'gcc', '--callee', 'gcc', '--callee-flags=-fpcc-struct-return', '--runs', '200', '--seed', '3']);
    expect(exitCode).toBe(1);
    const crashes = summary.findings.filter((f) => f.kind === 'crash');
    expect(crashes.length).toBeGreaterThan(0);
    for (const c of crashes) expect(c.signal).toBe('SIGSEGV');
    // Every function was either checked to its end or is a crash finding of its own.
    expect(summary.signaturesChecked + crashes.length + summary.skipped).toBe(200);
    expect(new Set(crashes.map((c) => c.function)).size).toBe(crashes.length);
  });
});

describe('known upstream issues', () => {
  it("counts clang's variadic __int128 disagreement with itself as known, and --show-known reports it", async () => {
    const args = ['--caller', 'clang-19', '--callee', 'clang-19', '--callee-flags=-O2', '--runs', '1000', '--seed', '22', '--batch', '250'];
    const quiet = await fuzzJson(args);
    expect(quiet.summary.findings).toEqual([]);
    expect(quiet.summary.known['clang-int128-last-gpr']?.count).toBeGreaterThanOrEqual(1);
    expect(quiet.exitCode).toBe(0);
    const shown = await fuzzJson([...args, '--show-known']);
    expect(shown.exitCode).toBe(1);
    const f = shown.summary.findings.find((x) => x.kind === 'arg')!;
    expect(f.declaration).toMatch(/\.\.\.\);$/);
  });
});

describe('calling-convention attributes', () => {
  it('ms_abi and sysv_abi functions: gcc -O0 and gcc -O2 agree, and the sources really use them', async () => {
    const dir = await out();
    const r = await runCli(['fuzz', '--caller', 'gcc', '--callee', 'gcc', '--callee-flags=-O2', '--conventions', 'ms_abi,sysv_abi', '--runs', '200', '--seed', '9', '--batch', '200', '--jobs', '1', '--keep', '--json', '--out', dir]);
    const s = JSON.parse(r.stdout) as Summary;
    expect(s.findings).toEqual([]);
    expect(r.exitCode).toBe(0);
    const header = await readFile(join(s.runDir, 'batches', 'batch-0', 'abi.h'), 'utf8');
    expect(header.match(/__attribute__\(\(ms_abi\)\)/g)?.length).toBeGreaterThan(30);
    expect(header).toContain('__attribute__((sysv_abi))');
  });
});

describe('compile errors', () => {
  it('a function one side rejects and the other accepts is a compile-error finding; the rest is still checked', async () => {
    const { exitCode, summary } = await fuzzJson(['--caller', 'gcc', '--callee', 'gcc', '--callee-flags=-pedantic-errors', '--runs', '100', '--seed', '3']);
    expect(exitCode).toBe(1);
    const ce = summary.findings.filter((f) => f.kind === 'compile-error');
    expect(ce.length).toBeGreaterThan(0);
    expect(ce[0]!.detail).toMatch(/gcc -pedantic-errors rejects the declaration gcc accepts: .*error/);
    expect(ce[0]!.compiler).toMatchObject({ side: 'callee', toolchain: 'gcc' });
    // The probe says gcc -pedantic-errors rejects __int128: those signatures are skipped, not failed.
    expect(summary.skippedReasons['gcc rejects __int128']).toBeGreaterThan(0);
    expect(summary.signaturesChecked + ce.length + summary.skipped).toBe(100);
  });
});
