// A saved case regenerates from its seed and path and reproduces (exit 1); sources are byte-identical.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { runCli } from '../helpers/run-cli.js';

let dir = '';
afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

describe('abifuzz replay', () => {
  it('re-runs a saved planted finding from its seed, byte for byte', async () => {
    dir = await mkdtemp(join(os.tmpdir(), 'abifuzz-replay-'));
    const first = await runCli(['fuzz', '--caller', 'gcc', '--caller-flags=-fpcc-struct-return', '--callee', 'gcc', '--runs', '100', '--seed', '3', '--no-shrink', '--json', '--out', dir]);
    expect(first.exitCode).toBe(1);
    const s = JSON.parse(first.stdout) as Summary;
    const f = s.findings.find((x) => x.kind === 'return')!;
    const again = await runCli(['replay', f.caseFile, '--json', '--out', join(dir, 'replays'), '--keep']);
    expect(again.exitCode, again.stderr).toBe(1);
    const r = JSON.parse(again.stdout) as Summary & { sourcesIdentical: boolean };
    expect(r.sourcesIdentical).toBe(true);
    expect(r.findings.map((x) => `${x.kind} ${x.function}`)).toContain(`return ${f.function}`);
    const replayed = r.findings.find((x) => x.kind === 'return')!;
    for (const name of ['abi.h', 'caller.c', 'callee.c'])
      expect(await readFile(join(replayed.caseFile, '..', name), 'utf8')).toBe(await readFile(join(f.caseFile, '..', name), 'utf8'));
  });
});
