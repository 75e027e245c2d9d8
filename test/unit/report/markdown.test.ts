import { describe, expect, it } from 'vitest';
import type { Bucket } from '../../../src/report/buckets.js';
import type { CampaignSummary, CellResult, Expectation } from '../../../src/report/campaign.js';
import { markdownSummary } from '../../../src/report/markdown.js';
import { emptySummary } from '../../../src/report/summary.js';

const side = (toolchain: string, flags: string[] = ['-O2']) => ({ toolchain, flags });
const DECL = 'struct s0 { char f0; double f1; };\nvoid f3(struct s0 a0, int a1);';

function cell(target: string, caller: string, callee: string, checked: number): CellResult {
  const summary = emptySummary({ target, seed: 7, caller: side(caller), callee: side(callee), runDir: `results/${target}-${caller}-${callee}`, disabledFeatures: [] });
  summary.signaturesGenerated = summary.signaturesChecked = checked;
  return { id: `${target}__${caller}_calls_${callee}`, target, caller: side(caller), callee: side(callee), summary };
}

function bucket(c: CellResult, n: number, problem: string, detail: string, extra: Partial<Bucket> = {}): Bucket {
  const caseDir = `${c.summary.runDir}/findings/arg-f${n}`;
  const b: Bucket = { key: `${c.id} | arg | ${problem} | ${n}`, kind: 'arg', count: 2, signature: DECL.replace('f3', `f${n}`), caseDir, problem, functions: [`f${n}`], ...extra };
  c.summary.findings.push({ kind: 'arg', function: `f${n}`, index: n, declaration: b.signature, detail, caseFile: `${caseDir}/case.json` });
  c.summary.buckets.push(b);
  return b;
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

function campaign(): { c: CampaignSummary; expected: (b: Bucket) => Expectation | undefined } {
  const failing = cell('x86_64-linux', 'gcc', 'clang-19', 200);
  bucket(failing, 3, 'sse', 'f3: arg0.f1 expected 3031 received 0000 | a pipe, `ticks` and ``` a fence', {
    blame: { deviates: 'callee', party: 'clang-19 -O2', detail: 'reads arg0.f1 from %xmm1', rule: 'AMD64 psABI §3.2.3 rule 4' },
  });
  const known = cell('x86_64-linux', 'clang-19', 'gcc', 150);
  const kb = bucket(known, 9, 'zero-width bit-field', 'offsets differ');
  const skipped = cell('aarch64-linux', 'gcc', 'clang-14', 0);
  const clean = cell('aarch64-linux', 'gcc', 'clang-19', 120);
  const c: CampaignSummary = { campaignVersion: 1, seed: 7, elapsedMs: 61_000, interrupted: false, cells: [failing, known, skipped, clean] };
  return { c, expected: (b) => (b.key === kb.key ? { reason: 'gcc PR102024 (gcc 12 changed it)', link: 'https://gcc.gnu.org/PR102024' } : undefined) };
}

describe('markdownSummary', () => {
  it('draws the counts table: targets as rows, pairs as columns, each cell with its status and checked count', () => {
    const { c, expected } = campaign();
    const md = markdownSummary(c, expected, { maxBytes: 900 * 1024 });
    const lines = md.split('\n');
    const header = lines.findIndex((l) => l.startsWith('| target |'));
    expect(lines[header]).toBe('| target | clang-19\\_calls\\_gcc \\[-O2\\] | gcc\\_calls\\_clang-14 \\[-O2\\] | gcc\\_calls\\_clang-19 \\[-O2\\] |');
    expect(lines[header + 1]).toBe('|---|---|---|---|');
    expect(lines[header + 2]).toBe('| aarch64-linux | – | skipped (nothing ran) | clean (120 checked) |');
    expect(lines[header + 3]).toBe('| x86\\_64-linux | expected 1 (150 checked) | – | **new 1** / expected 0 (200 checked) |');
  });

  it('puts each new bucket in a <details> block with its declaration, detail, blame and reproducer', () => {
    const { c, expected } = campaign();
    const md = markdownSummary(c, expected, { maxBytes: 900 * 1024, htmlPath: 'results/report.html' });
    const block = md.slice(md.indexOf('<details>'), md.indexOf('</details>') + '</details>'.length);
    expect(block).toContain('<summary><code>x86_64-linux</code> gcc_calls_clang-19 [-O2]: <b>arg</b> sse (2 findings)</summary>');
    expect(block).toContain(['```c', DECL, '```'].join('\n'));
    // The detail holds ``` itself, so its fence is longer.
    expect(block).toContain(['````text', 'f3: arg0.f1 expected 3031 received 0000 | a pipe, `ticks` and ``` a fence', '````'].join('\n'));
    expect(block).toContain('the callee \\(clang-19 -O2\\) leaves the psABI model');
    expect(block).toContain('AMD64 psABI §3.2.3 rule 4');
    expect(block).toContain('`sh results/x86_64-linux-gcc-clang-19/findings/arg-f3/repro.sh`');
    expect(md.match(/<details>/g)).toHaveLength(1); // the expected one is not a block
    expect(md).toMatch(/### Expected by the baseline\n\n- x86\\_64-linux clang-19\\_calls\\_gcc \\\[-O2\\\]: arg zero-width bit-field \(2\): gcc PR102024 \\\(gcc 12 changed it\\\) \(\[link\]\(<https:\/\/gcc.gnu.org\/PR102024>\)\)\n/);
    expect(md.trimEnd().split('\n').at(-1)).toBe('Everything, with links to each reproducer: [results/report.html](<results/report.html>).');
  });

  it('stays under maxBytes with many buckets, dropping details from the end and counting them', () => {
    const { c, expected } = campaign();
    const big = c.cells[0]!;
    for (let n = 100; n < 2100; n++) bucket(big, n, `p${n}`, `f${n}: ${'mismatch é '.repeat(60)}`);
    const maxBytes = 64 * 1024;
    const md = markdownSummary(c, expected, { maxBytes });
    expect(bytes(md)).toBeLessThanOrEqual(maxBytes);
    expect(bytes(md)).toBeGreaterThan(maxBytes * 0.8); // it fills the room, it does not give up early
    const shown = md.match(/<details>/g)?.length ?? 0;
    expect(shown).toBeGreaterThan(10);
    const more = /\n(\d+) more new bucket\(s\): see report\.html\.\n/.exec(md);
    expect(more, 'the "N more" line').not.toBeNull();
    expect(shown + Number(more![1])).toBe(2001);
    // Dropped from the end: the first bucket is there, the last is not; the table and the pointer stay.
    expect(md).toContain('void f3(struct s0 a0, int a1);');
    expect(md).not.toContain('void f2099(');
    expect(md).toContain('| x86\\_64-linux |');
    expect(md).toContain('Everything, with links to each reproducer: report.html');
    // Without a cap to speak of, nothing is dropped.
    const all = markdownSummary(c, expected, { maxBytes: 100 * 1024 * 1024 });
    expect(all.match(/<details>/g)).toHaveLength(2001);
    expect(all).not.toMatch(/more new bucket/);
  });

  it('keeps even a tiny cap, cutting table rows when the table alone does not fit', () => {
    const { c, expected } = campaign();
    for (let t = 0; t < 300; t++) c.cells.push(cell(`target-${t}`, 'gcc', 'clang-19', 10));
    const md = markdownSummary(c, expected, { maxBytes: 4096 });
    expect(bytes(md)).toBeLessThanOrEqual(4096);
    expect(md).toMatch(/\d+ more target row\(s\): see report\.html\./);
    expect(md).toContain('| target |');
  });
});
