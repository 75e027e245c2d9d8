// Bad input: one line on stderr naming what is wrong, exit code 2.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

let dir = '';
afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

async function expectUsage(args: string[], pattern: RegExp): Promise<void> {
  const r = await runCli(args);
  expect(r.exitCode, r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^abifuzz: /);
  expect(lines[0]).toMatch(pattern);
}

describe('exit code 2', () => {
  it('unknown target', () => expectUsage(['fuzz', '--target', 'pdp11-unix', '--runs', '1'], /unknown target 'pdp11-unix'/));
  it('unknown toolchain', () => expectUsage(['fuzz', '--caller', 'tcc', '--runs', '1'], /unknown toolchain 'tcc'/));
  it('missing toolchain names its Debian package', () => expectUsage(['fuzz', '--callee', 'clang-99', '--runs', '1'], /clang-99.*Debian package 'clang-99'/));
  it('bad --runs', () => expectUsage(['fuzz', '--runs', 'many'], /--runs must be an integer/));
  it('--runs with --time', () => expectUsage(['fuzz', '--runs', '5', '--time', '5'], /runs|time/));
  it('convention the target does not have', () => expectUsage(['fuzz', '--target', 'aarch64-linux', '--conventions', 'stdcall', '--runs', '1'], /convention 'stdcall' is not one of aarch64-linux's/));
  it('unknown option', () => expectUsage(['fuzz', '--frobnicate'], /unknown option/));
  it('missing case file', () => expectUsage(['replay', '/nonexistent/case.json'], /case file not found/));
  it('shrink of a missing case', () => expectUsage(['shrink', '/nonexistent/finding'], /case file not found/));
  it('--path without --seed', () => expectUsage(['fuzz', '--path', '3'], /--path needs the --seed/));
  it('malformed --path', () => expectUsage(['fuzz', '--seed', '1', '--path', '3:x'], /--path must look like 42 or 42:0:3/));
  it('a --path the seed does not have', () => expectUsage(['fuzz', '--seed', '1', '--path', '0:99999'], /seed 1 has no signature at path 0:99999/));
  it('corrupt case file', async () => {
    dir = await mkdtemp(join(os.tmpdir(), 'abifuzz-bad-'));
    await writeFile(join(dir, 'bad.json'), '{"schemaVersion": 1, "target": "x86_64-linux"');
    await writeFile(join(dir, 'wrong.json'), JSON.stringify({ schemaVersion: 2, target: 'x86_64-linux', seed: 'x' }));
    await writeFile(join(dir, 'old.json'), JSON.stringify({ schemaVersion: 1, target: 'x86_64-linux', seed: 1 }));
    await expectUsage(['replay', join(dir, 'bad.json')], /corrupt case file/);
    await expectUsage(['replay', join(dir, 'wrong.json')], /corrupt case file .*seed/);
    await expectUsage(['replay', join(dir, 'old.json')], /has schema 1; this abifuzz reads schema 2/);
    const weights = { scalar: 1, aggregate: 1, vector: 1, complex: 1, enum: 1, pointer: 1, corner: 1, variadic: 1 };
    const limits = { maxParams: 20, maxFields: 6, maxDepth: 2, maxVariadic: 4, float16: true, conventions: [], weights };
    const missing = {
      schemaVersion: 2, abifuzzVersion: '0', fastCheckVersion: '0', target: 'x86_64-linux', seed: 1, index: 0, shrinkPath: '0',
      caller: { toolchain: 'gcc', flags: [] }, callee: { toolchain: 'clang-99', flags: [] }, limits,
      finding: { kind: 'arg', index: 0, function: 'f0', detail: '' }, signature: { name: 'f0', ret: 'void', params: [], variadic: null },
    };
    await writeFile(join(dir, 'case.json'), JSON.stringify(missing));
    await expectUsage(['replay', dir], /clang-99.*Debian package 'clang-99'/);
    await expectUsage(['shrink', join(dir, 'case.json')], /clang-99.*Debian package 'clang-99'/);
  });
});
