import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Bucket } from '../../../src/report/buckets.js';
import type { CampaignSummary, CellResult, Expectation } from '../../../src/report/campaign.js';
import { JUNIT_CAPS, junitXml, xmlSafe } from '../../../src/report/junit.js';
import { emptySummary, type SummaryFinding } from '../../../src/report/summary.js';

// A campaign built by hand: a cell with a new bucket (whose detail holds C0 controls), a cell with
// an expected one, a skipped cell and a clean one.
const side = (toolchain: string, flags: string[] = ['-O2']) => ({ toolchain, flags });
const DECL = 'struct s0 { char f0; double f1; };\nvoid f3(struct s0 a0, int a1);';

function cell(target: string, caller: string, callee: string, fill: (c: CellResult) => void): CellResult {
  const runDir = `results/${target}-${caller}-${callee}`;
  const summary = emptySummary({ target, seed: 7, caller: side(caller), callee: side(callee), runDir, disabledFeatures: [] });
  const c: CellResult = { id: `${target}__${caller}_calls_${callee}`, target, caller: side(caller), callee: side(callee), summary };
  fill(c);
  return c;
}

function bucket(c: CellResult, kind: Bucket['kind'], problem: string, detail: string, extra: Partial<Bucket> = {}): Bucket {
  const caseDir = `${c.summary.runDir}/findings/${kind}-f3`;
  const b: Bucket = { key: `${c.id} | ${kind} | ${problem} | void(struct{char; double}, int)`, kind, count: 3, signature: DECL, caseDir, problem, functions: ['f3'], ...extra };
  const f: SummaryFinding = { kind, function: 'f3', index: 3, declaration: DECL, detail, caseFile: `${caseDir}/case.json` };
  c.summary.findings.push(f);
  c.summary.buckets.push(b);
  c.summary.signaturesGenerated = c.summary.signaturesChecked = 200;
  return b;
}

const newCell = cell('x86_64-linux', 'gcc', 'clang-19', (c) => {
  bucket(c, 'arg', 'sse', 'f3: 1 argument leaf mismatch(es): arg0.f1 expected 3031 received \x01\x02\x1b[0m\x00 <&>', {
    blame: { deviates: 'callee', party: 'clang-19 -O2', detail: 'reads arg0.f1 from %xmm1', rule: 'AMD64 psABI §3.2.3 rule 4' },
    confirmation: 'confirmed',
  });
});
const expectedCell = cell('x86_64-linux', 'clang-19', 'gcc', (c) => {
  bucket(c, 'layout', 'struct s0', 'offsetof(s0, f1) is 8 in the caller and 4 in the callee');
});
const skippedCell = cell('aarch64-linux', 'gcc', 'clang-14', (c) => {
  c.summary.skipped = 5;
  c.summary.skippedReasons = { 'clang-14 rejects _Float16': 5 };
});
const cleanCell = cell('aarch64-linux', 'gcc', 'clang-19', (c) => {
  c.summary.signaturesGenerated = c.summary.signaturesChecked = 120;
});

const campaign: CampaignSummary = { campaignVersion: 1, seed: 7, elapsedMs: 61_000, interrupted: false, baseline: 'baseline.json', cells: [newCell, expectedCell, skippedCell, cleanCell] };
const baseline = new Map<string, Expectation>([[expectedCell.summary.buckets[0]!.key, { reason: 'gcc PR102024, fixed in gcc 13', link: 'https://gcc.gnu.org/PR102024' }]]);
const expected = (b: Bucket): Expectation | undefined => baseline.get(b.key);

interface Case { '@_classname': string; '@_name': string; failure?: { '@_message': string; '@_type': string; '#text': string }; skipped?: unknown; 'system-out'?: string }
interface Suite { '@_name': string; '@_tests': string; '@_failures': string; '@_skipped': string; testcase: Case[]; properties: { property: { '@_name': string; '@_value': string }[] } }

function parse(xml: string): { '@_tests': string; '@_failures': string; '@_skipped': string; testsuite: Suite[] } {
  const p = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });
  return p.parse(xml).testsuites;
}

const C0 = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;

describe('junitXml', () => {
  const xml = junitXml(campaign, expected);
  const doc = parse(xml);
  const suite = (target: string, pair: string): Suite => {
    const s = doc.testsuite.find((x) => x.properties.property.some((p) => p['@_name'] === 'cell' && p['@_value'] === `${target}__${pair}`));
    expect(s, `${target} ${pair}`).toBeDefined();
    return s!;
  };

  it('writes one suite per cell with unique names, and totals that add up', () => {
    expect(doc.testsuite).toHaveLength(4);
    expect(new Set(doc.testsuite.map((s) => s['@_name'])).size).toBe(4);
    expect(doc['@_tests']).toBe('4');
    expect(doc['@_failures']).toBe('1');
    expect(doc['@_skipped']).toBe('1');
    const names = doc.testsuite.flatMap((s) => s.testcase.map((t) => `${t['@_classname']} ${t['@_name']}`));
    expect(new Set(names).size).toBe(names.length);
  });

  it('a new bucket is a failure with the declaration, the detail, the blame and the reproducer', () => {
    const s = suite('x86_64-linux', 'gcc_calls_clang-19');
    expect(s['@_name']).toBe('x86_64-linux gcc_calls_clang-19 [-O2]');
    expect(s['@_failures']).toBe('1');
    const [t] = s.testcase;
    expect(t!['@_classname']).toBe('abifuzz.x86_64-linux');
    expect(t!['@_name']).toMatch(/^gcc_calls_clang-19 \[-O2\] arg sse [0-9a-f]{8}$/);
    expect(t!.failure!['@_type']).toBe('arg');
    expect(t!.failure!['@_message']).toContain('void f3(struct s0 a0, int a1);');
    const body = t!.failure!['#text'];
    expect(body).toContain(DECL);
    expect(body).toContain('arg0.f1 expected 3031 received');
    expect(body).toContain('<&>'); // escaped by the builder, read back whole
    expect(body).toContain('the callee (clang-19 -O2) leaves the psABI model');
    expect(body).toContain('AMD64 psABI §3.2.3 rule 4');
    expect(body).toContain('sh results/x86_64-linux-gcc-clang-19/findings/arg-f3/repro.sh');
  });

  it('no C0 control character reaches the XML, even from a detail holding \\x01', () => {
    expect(xml).not.toMatch(C0);
    const body = suite('x86_64-linux', 'gcc_calls_clang-19').testcase[0]!.failure!['#text'];
    expect(body).toContain('received \\x01\\x02\\x1b[0m\\x00 <&>');
  });

  it('an expected bucket passes and says why in <system-out>', () => {
    const s = suite('x86_64-linux', 'clang-19_calls_gcc');
    expect(s['@_failures']).toBe('0');
    const [t] = s.testcase;
    expect(t!.failure).toBeUndefined();
    expect(t!['system-out']).toContain('Expected by the baseline: gcc PR102024, fixed in gcc 13');
    expect(t!['system-out']).toContain('https://gcc.gnu.org/PR102024');
  });

  it('a skipped cell is one <skipped/>, a clean cell one passing testcase', () => {
    const sk = suite('aarch64-linux', 'gcc_calls_clang-14');
    expect(sk.testcase).toHaveLength(1);
    expect(sk.testcase[0]!.skipped).toBeDefined();
    expect(sk['@_skipped']).toBe('1');
    const cl = suite('aarch64-linux', 'gcc_calls_clang-19');
    expect(cl.testcase).toHaveLength(1);
    expect(cl.testcase[0]!['@_name']).toBe('gcc_calls_clang-19 [-O2] clean');
    expect(cl.testcase[0]!.failure).toBeUndefined();
    expect(cl.testcase[0]!.skipped).toBeUndefined();
    expect(cl.testcase[0]!['system-out']).toContain('checked 120 of 120 signatures');
  });

  it('two cells that would share a name stay distinct', () => {
    const twin = { ...cleanCell, id: `${cleanCell.id}__other` };
    const d = parse(junitXml({ ...campaign, cells: [cleanCell, twin] }, expected));
    expect(d.testsuite.map((s) => s['@_name'])).toEqual(['aarch64-linux gcc_calls_clang-19 [-O2]', 'aarch64-linux gcc_calls_clang-19 [-O2] #2']);
    expect(d.testsuite.map((s) => s.testcase[0]!['@_name'])).toEqual(['gcc_calls_clang-19 [-O2] clean', 'gcc_calls_clang-19 [-O2] clean #2']);
  });

  it('caps the failure text and the message', () => {
    const huge = cell('riscv64-linux', 'gcc', 'clang-19', (c) => {
      bucket(c, 'compile-error', 'clang-19', `error: \x07${'x'.repeat(200_000)}`);
      c.summary.buckets[0]!.signature = `${'struct big { int f; };\n'.repeat(100)}void f3(void);`;
    });
    const x = junitXml({ ...campaign, cells: [huge] }, expected);
    const t = parse(x).testsuite[0]!.testcase[0]!;
    expect(t.failure!['#text'].length).toBeLessThan(JUNIT_CAPS.failure + 200);
    expect(t.failure!['#text']).toMatch(/more characters/);
    expect(t.failure!['@_message'].length).toBeLessThan(JUNIT_CAPS.message + 100);
    expect(x.length).toBeLessThan(40_000);
    expect(x).not.toMatch(C0);
  });

  it('xmlSafe replaces what XML 1.0 cannot hold and keeps the rest', () => {
    expect(xmlSafe('a\tb\nc\r\x00\x1f\x7f')).toBe('a\tb\nc\r\\x00\\x1f\\x7f');
    expect(xmlSafe('lone \ud800 pair \ud83d\ude00 \uffff')).toBe('lone \ufffd pair \ud83d\ude00 \ufffd');
  });
});
