// The campaign as GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY: a counts table (targets ×
// pairs), each new bucket in a <details> block, the expected ones in a line each, then a pointer
// to report.html. GitHub drops the whole summary past 1 MiB, so the text is kept under
// `maxBytes`: details go from the end first, and what was left out is counted.
//
// The first part holds what the three reports (junit.ts, markdown.ts, html.ts) share: how a cell
// and a bucket are named, counted and described. campaign.ts is their natural home.
import { dirname } from 'node:path';
import type { Bucket } from './buckets.js';
import { cellStatus, type CampaignSummary, type CellResult, type Expectation } from './campaign.js';

// ---- Shared by the three reports ------------------------------------------------------------

/** What the baseline says of a bucket: expected (with why), or undefined for a new one. */
export type ExpectedFn = (b: Bucket) => Expectation | undefined;
export type CellStatus = ReturnType<typeof cellStatus>;

/** `<caller>_calls_<callee>` (abi-cafe's pair names). */
export const pairName = (c: CellResult): string => `${c.caller.toolchain}_calls_${c.callee.toolchain}`;

/** `[-O2]` when both sides share their flags, `[caller flags | callee flags]` otherwise, '' with none. */
export function flagsLabel(c: CellResult): string {
  const [a, b] = [c.caller.flags.join(' '), c.callee.flags.join(' ')];
  if (a === b) return a ? `[${a}]` : '';
  return `[${a || '(none)'} | ${b || '(none)'}]`;
}

/** The matrix column of a cell: its pair and flags. */
export const pairLabel = (c: CellResult): string => [pairName(c), flagsLabel(c)].filter(Boolean).join(' ');

/**
 * The detail of each bucket's first finding: Bucket has none, the summary's finding whose case file
 * is in the bucket's folder does. Indexed once per cell (a cell can hold thousands of findings).
 */
export function bucketDetails(c: CellResult): (b: Bucket) => string | undefined {
  const byDir = new Map<string, string>();
  for (const f of c.summary.findings) if (!byDir.has(dirname(f.caseFile))) byDir.set(dirname(f.caseFile), f.detail);
  return (b) => byDir.get(b.caseDir);
}

/** A sentence saying who leaves the psABI, by the model. */
export function blameSentence(b: NonNullable<Bucket['blame']>): string {
  switch (b.deviates) {
    case 'neither': return 'neither side leaves the psABI model; they disagree only with each other';
    case 'both': return `both sides leave the psABI model (${b.party})`;
    default: return `the ${b.deviates} (${b.party}) leaves the psABI model`;
  }
}

export interface CellCounts {
  status: CellStatus;
  /** New and expected buckets (distinct problems). */
  newBuckets: number;
  expectedBuckets: number;
  /** Cases that hung in a batch but passed alone, plus buckets that did not come back alone. */
  flaky: number;
  /** Cases skipped (unsupported, rejected by both sides, ...). */
  skipped: number;
  checked: number;
}

export function cellCounts(c: CellResult, expected: ExpectedFn): CellCounts {
  const exp = c.summary.buckets.filter((b) => expected(b)).length;
  return {
    status: cellStatus(c, expected), newBuckets: c.summary.buckets.length - exp, expectedBuckets: exp,
    flaky: c.summary.flaky.length + c.summary.buckets.filter((b) => b.confirmation === 'flaky').length,
    skipped: c.summary.skipped, checked: c.summary.signaturesChecked,
  };
}

/** Cells in report order: by target, then pair label, then id. */
export function reportCells(c: CampaignSummary): CellResult[] {
  return [...c.cells].sort((a, b) => a.target.localeCompare(b.target) || pairLabel(a).localeCompare(pairLabel(b)) || a.id.localeCompare(b.id));
}

/** C0 controls (and DEL) written visibly as \xNN; tab, newline and carriage return kept. */
export const printable = (s: string): string =>
  s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** At most `max` characters, saying how many were cut. */
export function capText(s: string, max: number, where = ''): string {
  if (s.length <= max) return s;
  return `${s.slice(0, max)}\n... (${s.length - max} more characters${where ? `: see ${where}` : ''})`;
}

/** Only http(s) links are followed; anything else in a baseline is shown as text. */
export const isWebLink = (url: string | undefined): url is string => !!url && /^https?:\/\/[^\s<>"]+$/i.test(url);

// ---- Markdown ---------------------------------------------------------------------------------

export interface MarkdownOptions {
  /** The hard cap for the whole text, in UTF-8 bytes (GitHub's step summary: 1 MiB; pass ~900 KiB). */
  maxBytes: number;
  /** Where report.html is, as a link target (relative to where the summary is read). */
  htmlPath?: string;
}

const DETAIL_MAX = 4000;
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Backslash-escapes Markdown punctuation (and pipes, for tables); newlines become spaces. */
const mdText = (s: string): string => printable(s).replace(/[\\`*_{}[\]<>()#+!|~&]/g, '\\$&').replace(/\s*\n\s*/g, ' ');
/** For raw HTML such as <summary>, where Markdown is not read. */
const htmlText = (s: string): string => printable(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s*\n\s*/g, ' ');

function longestRun(s: string, ch: string): number {
  let best = 0;
  for (const m of s.matchAll(new RegExp(`\\${ch}+`, 'g'))) best = Math.max(best, m[0].length);
  return best;
}

/** A code span no backtick inside can end (outside tables). */
function mdCode(s: string): string {
  const text = printable(s).replace(/\n/g, ' ');
  const ticks = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** A fenced block no line inside can close. */
function fence(lang: string, s: string): string[] {
  const text = printable(s);
  const ticks = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return [`${ticks}${lang}`, text, ticks];
}

function tableCell(n: CellCounts): string {
  const checked = `${n.checked} checked`;
  const extra = [n.flaky ? `flaky ${n.flaky}` : '', n.skipped ? `skipped ${n.skipped}` : ''].filter(Boolean).join(', ');
  const tail = `${checked}${extra ? `, ${extra}` : ''}`;
  switch (n.status) {
    case 'skipped': return `skipped (nothing ran${n.skipped ? `, ${n.skipped} skipped` : ''})`;
    case 'clean': return `clean (${tail})`;
    case 'expected': return `expected ${n.expectedBuckets} (${tail})`;
    case 'new': return `**new ${n.newBuckets}** / expected ${n.expectedBuckets} (${tail})`;
  }
}

function table(cells: CellResult[], expected: ExpectedFn): string[] {
  const targets = [...new Set(cells.map((c) => c.target))];
  const pairs = [...new Set(cells.map(pairLabel))].sort();
  const rows = targets.map((t) => {
    const line = pairs.map((p) => cells.filter((c) => c.target === t && pairLabel(c) === p).map((c) => tableCell(cellCounts(c, expected))).join('<br>') || '–');
    return `| ${mdText(t)} | ${line.join(' | ')} |`;
  });
  return [`| target | ${pairs.map(mdText).join(' | ')} |`, `|---|${pairs.map(() => '---').join('|')}|`, ...rows];
}

function newBucketBlock(c: CellResult, b: Bucket, detail: string | undefined): string {
  const found = b.count === 1 ? '1 finding' : `${b.count} findings`;
  const flaky = b.confirmation === 'flaky' ? ', FLAKY: did not come back alone' : '';
  return [
    `<details><summary><code>${htmlText(c.target)}</code> ${htmlText(pairLabel(c))}: <b>${htmlText(b.kind)}</b> ${htmlText(b.problem)} (${found}${flaky})</summary>`,
    '',
    ...fence('c', b.signature),
    '',
    ...(detail ? ['What disagreed (first finding):', '', ...fence('text', capText(detail, DETAIL_MAX, `${b.caseDir}/report.md`)), ''] : []),
    ...(b.blame ? [`Who leaves the psABI: ${mdText(blameSentence(b.blame))}.`, '', ...fence('text', [b.blame.detail, b.blame.rule].filter(Boolean).join('\n')), ''] : []),
    `Reproduce: ${mdCode(`sh ${b.caseDir}/repro.sh`)} (words: ${mdCode(`${b.caseDir}/report.md`)})`,
    '',
    '</details>',
    '',
  ].join('\n');
}

function expectedLine(c: CellResult, b: Bucket, e: Expectation): string {
  const link = isWebLink(e.link) ? ` ([link](<${e.link}>))` : e.link ? ` (${mdText(e.link)})` : '';
  return `- ${mdText(c.target)} ${mdText(pairLabel(c))}: ${mdText(b.kind)} ${mdText(b.problem)} (${b.count}): ${mdText(e.reason)}${link}\n`;
}

/** As many of `parts` as fit in `budget` bytes, in order; returns them and how many were left out. */
function fit(parts: string[], budget: number): { text: string; left: number } {
  let text = '';
  let used = 0;
  for (let k = 0; k < parts.length; k++) {
    const n = bytes(parts[k]!);
    if (used + n > budget) return { text, left: parts.length - k };
    text += parts[k];
    used += n;
  }
  return { text, left: 0 };
}

export function markdownSummary(c: CampaignSummary, expected: ExpectedFn, opts: MarkdownOptions): string {
  const cells = reportCells(c);
  const htmlName = opts.htmlPath ?? 'report.html';
  const htmlRef = opts.htmlPath ? `[${mdText(htmlName)}](<${htmlName.replace(/[<>\s]/g, encodeURIComponent)}>)` : 'report.html (in the results artifact)';
  const newOnes = cells.flatMap((cell) => {
    const detail = bucketDetails(cell);
    return cell.summary.buckets.filter((b) => !expected(b)).map((b) => newBucketBlock(cell, b, detail(b)));
  });
  const expectedOnes = cells.flatMap((cell) => cell.summary.buckets.flatMap((b) => {
    const e = expected(b);
    return e ? [expectedLine(cell, b, e)] : [];
  }));
  const checked = cells.reduce((n, cell) => n + cell.summary.signaturesChecked, 0);
  const head = [
    '## abifuzz campaign',
    '',
    `seed ${c.seed}, ${cells.length} cell(s), ${checked} signatures checked in ${(c.elapsedMs / 1000).toFixed(0)} s: ` +
      `**${newOnes.length} new** bucket(s), ${expectedOnes.length} expected${c.baseline ? ` (baseline ${mdCode(c.baseline)})` : ''}` +
      `${c.interrupted ? '. **Interrupted**: the cells that finished are all here' : ''}.`,
    '',
  ].join('\n') + '\n';
  const tail = `\nEverything, with links to each reproducer: ${htmlRef}.\n`;
  const more = (n: number, what: string): string => (n ? `\n${n} more ${what}: see ${htmlName}.\n` : '');
  const NOTE = 200; // room kept for each "N more" line

  // The table first (its rows are dropped from the end only when it alone does not fit) ...
  const rows = table(cells, expected).map((r) => `${r}\n`);
  const fixed = bytes(head) + bytes(tail) + 3 * NOTE;
  const tableFit = fit(rows.slice(2), opts.maxBytes - fixed - bytes(rows[0]! + rows[1]!));
  let out = head + rows[0]! + rows[1]! + tableFit.text + more(tableFit.left, 'target row(s)');
  // ... then new buckets, which matter most, then the expected ones with what room is left.
  const budget = (): number => opts.maxBytes - bytes(out) - bytes(tail) - 2 * NOTE;
  if (newOnes.length) {
    out += '\n### New\n\n';
    const f = fit(newOnes, budget());
    out += f.text + more(f.left, 'new bucket(s)');
  }
  if (expectedOnes.length) {
    out += '\n### Expected by the baseline\n\n';
    const f = fit(expectedOnes, budget());
    out += f.text + more(f.left, 'expected bucket(s)');
  }
  out += tail;
  return bytes(out) <= opts.maxBytes ? out : cutToBytes(out, opts.maxBytes);
}

/** Last resort for a cap smaller than the fixed parts: whole lines up to `max` bytes. */
function cutToBytes(s: string, max: number): string {
  const buf = Buffer.from(s, 'utf8').subarray(0, max);
  const text = buf.toString('utf8');
  const cut = text.lastIndexOf('\n');
  return cut > 0 ? text.slice(0, cut + 1) : '';
}
