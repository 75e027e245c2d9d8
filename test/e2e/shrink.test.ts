// Shrinking, buckets and replay with real compilers: planted bugs shrink to small signatures that
// still fail the same way, a long run reports one bucket, and saved cases come back byte for byte.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Signature } from '../../src/model/types.js';
import type { Summary } from '../../src/report/summary.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('shrink');

async function cli(args: string[]): Promise<{ exitCode: number; summary: Summary; stderr: string }> {
  const r = await runCli([...args, '--json', '--out', await tmp()]);
  expect(r.stdout, r.stderr).not.toBe('');
  return { exitCode: r.exitCode, summary: JSON.parse(r.stdout) as Summary, stderr: r.stderr };
}

const caseOf = async (dir: string): Promise<{ shrinkPath: string; index: number; signature: Signature; shrink?: { steps: number } }> =>
  JSON.parse(await readFile(join(dir, 'case.json'), 'utf8'));

describe('shrinking planted bugs on x86_64-linux', () => {
  it('-fpcc-struct-return on the caller: return findings shrink to at most one parameter, one to a one-field struct return', async () => {
    const { summary } = await cli(['fuzz', '--caller', 'gcc', '--caller-flags=-fpcc-struct-return', '--callee', 'gcc', '--runs', '60', '--seed', '3', '--batch', '60']);
    const ret = summary.buckets.filter((b) => b.kind === 'return' && b.confirmation === 'confirmed');
    expect(ret.length).toBeGreaterThan(0);
    // Each bucket shrinks within its own leaf kind; the hand-picked corner aggregates
    // (generators/corners.ts) are constants, so not every bucket can reach one field.
    const minimal = await Promise.all(ret.map((b) => caseOf(b.caseDir)));
    for (const m of minimal) {
      expect(m.shrinkPath).toMatch(/^\d+(:\d+)*$/);
      expect(m.signature.params.length, JSON.stringify(m.signature)).toBeLessThanOrEqual(1);
      expect(m.signature.ret).toMatchObject({ kind: expect.stringMatching(/^(struct|union)$/) });
    }
    const oneField = minimal.filter((m) => {
      const fields = (m.signature.ret as { fields: { type: { kind: string } }[] }).fields;
      return (m.shrink?.steps ?? 0) > 0 && m.shrinkPath.includes(':') && fields.length === 1 && ['scalar', 'enum'].includes(fields[0]!.type.kind);
    });
    expect(oneField.length).toBeGreaterThan(0);
  });

  it('-fcall-used-rbx on the callee: 2000 signatures give one bucket naming rbx, shrunk to at most two parameters', async () => {
    const { exitCode, summary } = await cli(['fuzz', '--caller', 'gcc', '--callee', 'gcc', '--callee-flags=-fcall-used-rbx', '--runs', '2000', '--seed', '3']);
    expect(exitCode).toBe(1);
    expect(summary.findings.length).toBeGreaterThan(100);
    expect(summary.buckets).toHaveLength(1);
    const [b] = summary.buckets;
    expect(b).toMatchObject({ kind: 'callee-saved', problem: 'rbx', count: summary.findings.length, confirmation: 'confirmed' });
    expect(b!.shrink!.steps).toBeGreaterThan(0);
    const minimal = await caseOf(b!.caseDir);
    expect(minimal.signature.params.length).toBeLessThanOrEqual(2);
    expect(b!.signature).toContain(`${minimal.signature.name}(`);
  });
});

describe('replaying and re-shrinking saved cases', () => {
  it('replay regenerates byte-identical sources and exits 1 while the problem reproduces; fuzz --path reruns one case', async () => {
    const found = await cli(['fuzz', '--caller', 'gcc', '--callee', 'gcc', '--callee-flags=-fcall-used-rbx', '--runs', '60', '--seed', '3', '--batch', '60']);
    const dir = found.summary.buckets[0]!.caseDir;
    const replay = await cli(['replay', dir]);
    expect(replay.exitCode).toBe(1);
    expect(replay.summary).toMatchObject({ sourcesIdentical: true });
    expect(replay.summary.findings.map((f) => f.register)).toEqual(['rbx']);

    const c = await caseOf(dir);
    const one = await cli(['fuzz', '--caller', 'gcc', '--callee', 'gcc', '--callee-flags=-fcall-used-rbx', '--seed', '3', '--path', c.shrinkPath, '--index', String(c.index), '--no-shrink']);
    expect(one.exitCode).toBe(1);
    expect(one.summary.signaturesChecked).toBe(1);
    expect(one.summary.findings[0]!.declaration).toBe(found.summary.buckets[0]!.signature);

    // A saved case edited by hand no longer matches what its seed and path generate: replay says so.
    await writeFile(join(dir, 'callee.c'), (await readFile(join(dir, 'callee.c'), 'utf8')) + '/* edited */\n');
    const edited = await cli(['replay', dir]);
    expect(edited.summary).toMatchObject({ sourcesIdentical: false, differing: ['callee.c'] });
  });

  it('abifuzz shrink re-shrinks an unshrunk case; a case of a fixed problem exits 0', async () => {
    const found = await cli(['fuzz', '--caller', 'gcc', '--callee', 'gcc', '--callee-flags=-fcall-used-rbx', '--runs', '60', '--seed', '3', '--batch', '60', '--no-shrink']);
    const dir = found.summary.buckets[0]!.caseDir;
    expect((await caseOf(dir)).shrink).toBeUndefined();
    const again = await cli(['shrink', dir]);
    expect(again.exitCode).toBe(1);
    expect(again.summary.buckets[0]!.shrink!.steps).toBeGreaterThan(0);

    // The same case with the planted flag gone, as after a compiler fix.
    const fixed = JSON.parse(await readFile(join(dir, 'case.json'), 'utf8'));
    fixed.callee.flags = [];
    await writeFile(join(dir, 'case.json'), JSON.stringify(fixed));
    const gone = await cli(['shrink', dir]);
    expect(gone.exitCode).toBe(0);
    expect(gone.summary.findings).toEqual([]);
  });
});
