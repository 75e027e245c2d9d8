// report.html: one self-contained page (inline CSS, no CDN, no script to run) for a campaign: a
// matrix of targets × pairs coloured by status, each cell a link that opens its panel (CSS
// :target, so it works from a CI artifact opened as a file) with every bucket's minimal case,
// what disagreed, who leaves the psABI and relative links to its reproducer files. Everything is
// escaped by the `html` tag; the same data is embedded as JSON for tools, with `<` as \u003c.
import { isAbsolute, relative } from 'node:path';
import type { Bucket } from './buckets.js';
import type { CampaignSummary, CellResult } from './campaign.js';
import { blameSentence, bucketDetails, capText, cellCounts, isWebLink, pairLabel, printable, reportCells, type CellCounts, type ExpectedFn } from './markdown.js';

/** Markup that is already safe: what `html` returns, and what it inserts without escaping. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}
type Part = SafeHtml | string | number | boolean | null | undefined | readonly Part[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => printable(s).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);

const render = (p: Part): string =>
  p instanceof SafeHtml ? p.value : Array.isArray(p) ? p.map(render).join('') : p === null || p === undefined || p === false ? '' : escapeHtml(String(p));

/** Tagged template that escapes every interpolated value unless it is SafeHtml (or a list of them). */
export function html(strings: TemplateStringsArray, ...parts: Part[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, s, k) => out + s + (k < parts.length ? render(parts[k] as Part) : ''), ''));
}

/** JSON that can sit in <script type="application/json">: no `<`, so no `</script>` or `<!--`. */
export const jsonForScript = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

export interface HtmlOptions {
  /** The folder report.html is written to: links to case folders are made relative to it. */
  baseDir?: string;
}

const DETAIL_MAX = 20_000;
const CASE_FILES = ['report.md', 'repro.sh', 'repro.c', 'case.json'] as const;

function href(caseDir: string, file: string, opts: HtmlOptions): string {
  const dir = opts.baseDir && isAbsolute(caseDir) === isAbsolute(opts.baseDir) ? relative(opts.baseDir, caseDir) : caseDir;
  const path = [...dir.split(/[\\/]/).filter(Boolean), file].map(encodeURIComponent).join('/');
  return isAbsolute(dir) ? `/${path}` : path;
}

const panelId = (c: CellResult): string => `cell-${c.id}`;

function countsLine(n: CellCounts): SafeHtml {
  const item = (k: string, v: number): SafeHtml => html`<span class="n-${k}${v ? '' : ' zero'}">${k} ${v}</span>`;
  return html`${item('new', n.newBuckets)} ${item('expected', n.expectedBuckets)} ${item('flaky', n.flaky)} ${item('skipped', n.skipped)}`;
}

function matrix(cells: CellResult[], expected: ExpectedFn): SafeHtml {
  const targets = [...new Set(cells.map((c) => c.target))];
  const pairs = [...new Set(cells.map(pairLabel))].sort();
  const cellLink = (c: CellResult): SafeHtml => {
    const n = cellCounts(c, expected);
    return html`<a class="cell ${n.status}" href="#${encodeURIComponent(panelId(c))}" data-cell="${c.id}" data-status="${n.status}" title="${c.id}">
      <b>${n.status}</b>${countsLine(n)}<small>${n.checked} checked</small></a>`;
  };
  return html`<table class="matrix">
<thead><tr><th>target</th>${pairs.map((p) => html`<th scope="col">${p}</th>`)}</tr></thead>
<tbody>${targets.map((t) => html`
<tr><th scope="row">${t}</th>${pairs.map((p) => {
    const here = cells.filter((c) => c.target === t && pairLabel(c) === p);
    return here.length ? html`<td>${here.map(cellLink)}</td>` : html`<td class="none">–</td>`;
  })}</tr>`)}
</tbody></table>`;
}

function bucketView(c: CellResult, b: Bucket, detail: string | undefined, expected: ExpectedFn, opts: HtmlOptions): SafeHtml {
  const e = expected(b);
  return html`<article class="bucket ${e ? 'expected' : 'new'}" data-bucket="${b.key}">
<h3><span class="tag">${e ? 'expected' : 'new'}</span> ${b.kind} ${b.problem} <small>${b.count} finding(s)${b.confirmation === 'flaky' ? ', FLAKY: did not come back alone' : ''}${b.shrink ? `, shrunk in ${b.shrink.steps} steps` : ''}</small></h3>
${e ? html`<p class="why">Expected by the baseline: ${e.reason}${e.link ? html` (${isWebLink(e.link) ? html`<a href="${e.link}">${e.link}</a>` : e.link})` : ''}</p>` : ''}
<pre class="decl"><code>${b.signature}</code></pre>
${detail ? html`<h4>What disagreed (first finding)</h4><pre class="detail">${capText(detail, DETAIL_MAX, `${b.caseDir}/report.md`)}</pre>` : ''}
${b.blame ? html`<h4>Who leaves the psABI</h4><p>${blameSentence(b.blame)}.</p><pre class="detail">${[b.blame.detail, b.blame.rule].filter(Boolean).join('\n')}</pre>` : ''}
<p class="files">${CASE_FILES.map((f) => html`<a href="${href(b.caseDir, f, opts)}">${f}</a> `)}<code>sh ${b.caseDir}/repro.sh</code></p>
</article>`;
}

function panel(c: CellResult, expected: ExpectedFn, opts: HtmlOptions): SafeHtml {
  const s = c.summary;
  const n = cellCounts(c, expected);
  const detail = bucketDetails(c);
  const notes = [
    ...Object.entries(s.skippedReasons).map(([r, k]) => `skipped ${k}: ${r}`),
    ...s.disabledFeatures.map((d) => `not generated: ${d.feature}: ${d.reason}`),
    ...s.flaky.map((f) => `flaky ${f.function}: ${f.reason}`),
    ...Object.entries(s.known).map(([id, k]) => `known issue ${id}: ${k.count} finding(s)`),
    ...(s.interrupted ? [`interrupted${s.stopReason ? `: ${s.stopReason}` : ''}`] : []),
  ];
  return html`<section class="panel" id="${panelId(c)}">
<h2>${c.target} ${pairLabel(c)} <span class="status ${n.status}">${n.status}</span></h2>
<p>${countsLine(n)} · checked ${s.signaturesChecked} of ${s.signaturesGenerated} signatures in ${(s.elapsedMs / 1000).toFixed(1)} s · results <code>${s.runDir}</code></p>
${notes.length ? html`<ul class="notes">${notes.map((t) => html`<li>${t}</li>`)}</ul>` : ''}
${s.buckets.length ? s.buckets.map((b) => bucketView(c, b, detail(b), expected, opts)) : html`<p>${n.status === 'skipped' ? 'Nothing ran.' : 'No findings.'}</p>`}
</section>`;
}

/** What the page shows, as data: for tools that read report.html rather than summary.json. */
function pageData(c: CampaignSummary, cells: CellResult[], expected: ExpectedFn): unknown {
  return {
    campaignVersion: c.campaignVersion, seed: c.seed, elapsedMs: c.elapsedMs, interrupted: c.interrupted, baseline: c.baseline ?? null,
    cells: cells.map((cell) => {
      const detail = bucketDetails(cell);
      return {
        id: cell.id, target: cell.target, pair: pairLabel(cell), ...cellCounts(cell, expected),
        buckets: cell.summary.buckets.map((b) => ({
          key: b.key, kind: b.kind, problem: b.problem, count: b.count, signature: b.signature, detail: capText(detail(b) ?? '', DETAIL_MAX) || null,
          caseDir: b.caseDir, blame: b.blame ?? null, expected: expected(b) ?? null,
        })),
      };
    }),
  };
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1b1b1b;background:#fff}
h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.15em}h3{font-size:1em;margin:.2em 0}h4{margin:.6em 0 .2em;font-size:.9em}
.matrix{border-collapse:collapse;margin:1em 0}.matrix th,.matrix td{border:1px solid #ccc;padding:0;text-align:left;vertical-align:top}
.matrix th{padding:.3em .6em;background:#f4f4f4;font-weight:600}.matrix td.none{padding:.3em .6em;color:#999}
a.cell{display:block;padding:.4em .6em;min-width:9em;color:inherit;text-decoration:none}a.cell:hover{outline:2px solid #333}
a.cell b{display:block;text-transform:uppercase;font-size:.8em}a.cell span,a.cell small{display:block;font-size:.8em}
.new{background:#fbd5d5}.expected{background:#fdecc8}.clean{background:#d6f0d6}.skipped{background:#e6e6e6;color:#555}
.zero{opacity:.55}.legend span{padding:.1em .5em;margin-right:.4em;border-radius:3px}
.panel{display:none;border-top:2px solid #999;margin-top:1em}.panel:target{display:block}
.status{padding:.1em .5em;border-radius:3px;font-size:.8em;text-transform:uppercase}
.bucket{border:1px solid #ccc;border-left:6px solid #c62828;padding:.5em .8em;margin:.8em 0;background:#fff}
.bucket.expected{border-left-color:#ef8f00}.tag{font-size:.75em;text-transform:uppercase;color:#555}
pre{background:#f7f7f7;padding:.5em;overflow:auto;white-space:pre-wrap;word-break:break-word;max-height:30em}
.files a{margin-right:.6em}.why{font-style:italic}
`;

export function htmlReport(c: CampaignSummary, expected: ExpectedFn, opts: HtmlOptions = {}): string {
  const cells = reportCells(c);
  const all = cells.map((cell) => cellCounts(cell, expected));
  const newBuckets = all.reduce((k, n) => k + n.newBuckets, 0);
  const checked = all.reduce((k, n) => k + n.checked, 0);
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>abifuzz: ${newBuckets} new bucket(s), seed ${c.seed}</title>
<style>${new SafeHtml(CSS)}</style></head>
<body>
<header><h1>abifuzz campaign</h1>
<p>seed ${c.seed} · ${cells.length} cell(s) · ${checked} signatures checked · ${(c.elapsedMs / 1000).toFixed(0)} s${c.baseline ? html` · baseline <code>${c.baseline}</code>` : ''}${c.interrupted ? html` · <b>interrupted</b>: every cell that finished is here` : ''}</p>
<p class="legend"><span class="new">new</span><span class="expected">expected</span><span class="clean">clean</span><span class="skipped">skipped</span> Click a cell to open its buckets.</p></header>
${matrix(cells, expected)}
${cells.map((cell) => panel(cell, expected, opts))}
<script type="application/json" id="abifuzz-data">${new SafeHtml(jsonForScript(pageData(c, cells, expected)))}</script>
</body></html>
`;
  return page.value;
}
