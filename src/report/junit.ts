// The campaign as JUnit XML, for GitLab's `artifacts:reports:junit` and GitHub's JUnit actions:
// one <testsuite> per cell (target × pair × flags), one <testcase> per bucket. A new bucket is a
// <failure> holding its minimal declaration, what disagreed, who leaves the psABI and the path
// of its reproducer; an expected one passes and says why in <system-out>; a clean cell is one
// passing testcase and a cell where nothing ran one <skipped/>. Names are unique (GitLab keeps
// only the first of duplicates), and the text is made fit for XML: C0 controls, which compiler
// output can hold and XML 1.0 forbids, are written as \xNN, and long texts are capped.
import { createHash } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { Bucket } from './buckets.js';
import type { CampaignSummary, CellResult } from './campaign.js';
import { blameSentence, bucketDetails, capText, cellCounts, pairLabel, printable, reportCells, type ExpectedFn } from './markdown.js';

/** Caps, in characters: a failure's message attribute, a name, a failure's text, a <system-out>. */
export const JUNIT_CAPS = { message: 500, name: 2000, failure: 16_000, systemOut: 16_000 } as const;

/** Text XML 1.0 can hold: C0 controls as \xNN, lone surrogates and U+FFFE/U+FFFF as U+FFFD. */
export function xmlSafe(s: string): string {
  return printable(s).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g, '\ufffd');
}

const text = (s: string, max: number): string => xmlSafe(capText(s, max));
/** One line: parsers turn newlines in attributes into spaces anyway. */
const attr = (s: string, max: number = JUNIT_CAPS.message): string => text(s, max).replace(/\s*[\r\n]\s*/g, ' ');
const shortKey = (b: Bucket): string => createHash('sha1').update(b.key).digest('hex').slice(0, 8);
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** Makes names unique within a scope by suffixing ` #2`, ` #3`, ... to repeats. */
function uniqueNames(): (name: string) => string {
  const seen = new Map<string, number>();
  return (name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} #${n}`;
  };
}

function failureText(cell: CellResult, b: Bucket, detail: string | undefined): string {
  return [
    `${b.kind} ${b.problem}: ${b.count} finding(s) in ${cell.target} ${pairLabel(cell)}${b.confirmation === 'flaky' ? ' (FLAKY: did not come back alone)' : ''}`,
    '',
    'Minimal declaration:',
    b.signature,
    ...(detail ? ['', 'What disagreed (first finding):', detail] : []),
    ...(b.blame ? ['', `Who leaves the psABI: ${blameSentence(b.blame)}.`, b.blame.detail, b.blame.rule] : []),
    '',
    `Reproduce: sh ${b.caseDir}/repro.sh`,
    `In words: ${b.caseDir}/report.md`,
  ].join('\n');
}

function bucketCase(cell: CellResult, b: Bucket, expected: ExpectedFn, name: string, detail: string | undefined): Record<string, unknown> {
  const base = { '@_classname': attr(`abifuzz.${cell.target}`), '@_name': name, '@_time': '0' };
  const e = expected(b);
  if (e) {
    const why = [`Expected by the baseline: ${e.reason}`, ...(e.link ? [`See ${e.link}`] : []), '', b.signature, '', `Reproduce: sh ${b.caseDir}/repro.sh`].join('\n');
    return { ...base, 'system-out': text(why, JUNIT_CAPS.systemOut) };
  }
  return {
    ...base,
    failure: { '@_message': attr(`${b.kind} ${b.problem}: ${b.signature.split('\n').at(-1) ?? ''}`), '@_type': attr(b.kind), '#text': text(failureText(cell, b, detail), JUNIT_CAPS.failure) },
  };
}

function suite(cell: CellResult, expected: ExpectedFn, suiteName: string, caseName: (n: string) => string): Record<string, unknown> {
  const s = cell.summary;
  const n = cellCounts(cell, expected);
  const label = pairLabel(cell);
  const detail = bucketDetails(cell);
  const ran = `checked ${s.signaturesChecked} of ${s.signaturesGenerated} signatures, skipped ${s.skipped}`;
  const reasons = Object.entries(s.skippedReasons).map(([r, k]) => `skipped ${k}: ${r}`);
  const testcases =
    n.status === 'skipped'
      ? [{ '@_classname': attr(`abifuzz.${cell.target}`), '@_name': caseName(attr(`${label} skipped`, JUNIT_CAPS.name)), '@_time': '0',
          skipped: { '@_message': attr(`nothing ran${s.stopReason ? ` (${s.stopReason})` : ''}${reasons.length ? `: ${reasons[0]}` : ''}`) } }]
      : n.status === 'clean'
        ? [{ '@_classname': attr(`abifuzz.${cell.target}`), '@_name': caseName(attr(`${label} clean`, JUNIT_CAPS.name)), '@_time': seconds(s.elapsedMs),
            'system-out': text([ran, ...reasons, ...s.flaky.map((f) => `flaky ${f.function}: ${f.reason}`)].join('\n'), JUNIT_CAPS.systemOut) }]
        : s.buckets.map((b) => bucketCase(cell, b, expected, caseName(attr(`${label} ${b.kind} ${b.problem} ${shortKey(b)}`, JUNIT_CAPS.name)), detail(b)));
  const props: [string, string | number | boolean][] = [
    ['cell', cell.id], ['target', cell.target], ['caller', [cell.caller.toolchain, ...cell.caller.flags].join(' ')],
    ['callee', [cell.callee.toolchain, ...cell.callee.flags].join(' ')], ['seed', s.seed], ['status', n.status],
    ['signaturesChecked', s.signaturesChecked], ['skipped', s.skipped], ['flaky', n.flaky], ['interrupted', s.interrupted], ['runDir', s.runDir],
  ];
  return {
    '@_name': suiteName, '@_tests': testcases.length, '@_failures': n.status === 'skipped' ? 0 : n.newBuckets, '@_errors': 0,
    '@_skipped': n.status === 'skipped' ? 1 : 0, '@_time': seconds(s.elapsedMs),
    properties: { property: props.map(([k, v]) => ({ '@_name': k, '@_value': attr(String(v), JUNIT_CAPS.name) })) },
    testcase: testcases,
  };
}

export function junitXml(c: CampaignSummary, expected: ExpectedFn): string {
  const suiteName = uniqueNames();
  const caseNames = new Map<string, (n: string) => string>(); // unique per classname
  const suites = reportCells(c).map((cell) => {
    const caseName = caseNames.get(cell.target) ?? uniqueNames();
    caseNames.set(cell.target, caseName);
    return suite(cell, expected, suiteName(attr(`${cell.target} ${pairLabel(cell)}`, JUNIT_CAPS.name)), caseName);
  });
  const sum = (k: string): number => suites.reduce((n, s) => n + (s[k] as number), 0);
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': attr(`abifuzz campaign seed ${c.seed}${c.interrupted ? ' (interrupted)' : ''}`),
      '@_tests': sum('@_tests'), '@_failures': sum('@_failures'), '@_errors': 0, '@_skipped': sum('@_skipped'), '@_time': seconds(c.elapsedMs),
      testsuite: suites,
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });
  return builder.build(doc) as string;
}
