// report.html in a real browser: Debian's chromium, driven headless by playwright-core. The page
// is written to a temp folder and opened as a file, as a CI artifact would be: the failing cell is
// marked new, clicking it shows its bucket's declaration, nothing is fetched from anywhere, and a
// detail holding `</script>` and markup stays text. Without chromium this test fails, never skips.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket } from '../../src/report/buckets.js';
import type { CampaignSummary, CellResult, Expectation } from '../../src/report/campaign.js';
import { htmlReport } from '../../src/report/html.js';
import { emptySummary } from '../../src/report/summary.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const CHROMIUM = '/usr/bin/chromium';
const tmp = tempDirs('report-html');

const side = (toolchain: string, flags: string[] = ['-O2']) => ({ toolchain, flags });
const DECL = 'struct s0 { char f0; double f1; };\nvoid f3(struct s0 a0, int a1);';
const HOSTILE = 'f3: arg0.f1 expected 3031 received 0000 </script><img id="injected" src="x"> & <!-- \x01';

function cell(runDir: string, target: string, caller: string, callee: string, checked: number): CellResult {
  const summary = emptySummary({ target, seed: 7, caller: side(caller), callee: side(callee), runDir, disabledFeatures: [] });
  summary.signaturesGenerated = summary.signaturesChecked = checked;
  return { id: `${target}__${caller}_calls_${callee}`, target, caller: side(caller), callee: side(callee), summary };
}

function bucket(c: CellResult, kind: Bucket['kind'], problem: string, detail: string, extra: Partial<Bucket> = {}): Bucket {
  const caseDir = join(c.summary.runDir, 'findings', `${kind}-f3`);
  const b: Bucket = { key: `${c.id} | ${kind} | ${problem}`, kind, count: 3, signature: DECL, caseDir, problem, functions: ['f3'], ...extra };
  c.summary.findings.push({ kind, function: 'f3', index: 3, declaration: DECL, detail, caseFile: join(caseDir, 'case.json') });
  c.summary.buckets.push(b);
  return b;
}

describe('report.html in headless chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  const requests: string[] = [];
  let failing: CellResult;
  let known: CellResult;
  let skipped: CellResult;

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (scripts/install-toolchains.sh does)`).toBe(true);
    dir = await tmp();
    const runDir = join(dir, 'results', 'run1');
    failing = cell(runDir, 'x86_64-linux', 'gcc', 'clang-19', 200);
    bucket(failing, 'arg', 'sse', HOSTILE, { blame: { deviates: 'callee', party: 'clang-19 -O2', detail: 'reads arg0.f1 from %xmm1', rule: 'AMD64 psABI §3.2.3 rule 4' } });
    known = cell(runDir, 'x86_64-linux', 'clang-19', 'gcc', 150);
    const kb = bucket(known, 'layout', 'struct s0', 'offsetof(s0, f1) differs');
    skipped = cell(runDir, 'aarch64-linux', 'gcc', 'clang-14', 0);
    const clean = cell(runDir, 'aarch64-linux', 'gcc', 'clang-19', 120);
    const c: CampaignSummary = { campaignVersion: 1, seed: 7, elapsedMs: 61_000, interrupted: false, cells: [failing, known, skipped, clean] };
    const expected = (b: Bucket): Expectation | undefined => (b.key === kb.key ? { reason: 'gcc PR102024', link: 'https://gcc.gnu.org/PR102024' } : undefined);
    // A reproducer where the page's relative link says it is.
    await mkdir(join(runDir, 'findings', 'arg-f3'), { recursive: true });
    await writeFile(join(runDir, 'findings', 'arg-f3', 'repro.sh'), '#!/bin/sh\necho repro\n');
    await writeFile(join(dir, 'report.html'), htmlReport(c, expected, { baseDir: dir }));

    const profile = await tmp(); // a fresh --user-data-dir
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('marks each matrix cell with its id and status', async () => {
    await expect(page.locator(`[data-cell="${failing.id}"]`).getAttribute('data-status')).resolves.toBe('new');
    await expect(page.locator(`[data-cell="${known.id}"]`).getAttribute('data-status')).resolves.toBe('expected');
    await expect(page.locator(`[data-cell="${skipped.id}"]`).getAttribute('data-status')).resolves.toBe('skipped');
    await expect(page.locator('[data-cell="aarch64-linux__gcc_calls_clang-19"]').getAttribute('data-status')).resolves.toBe('clean');
    await expect(page.locator('[data-cell]').count()).resolves.toBe(4);
  });

  it('clicking the failing cell shows its bucket: declaration, detail as text, blame, reproducer link', async () => {
    const panel = page.locator(`section[id="cell-${failing.id}"]`);
    const decl = panel.locator('pre.decl');
    expect(await decl.isVisible()).toBe(false);
    await page.locator(`[data-cell="${failing.id}"]`).click();
    await decl.waitFor({ state: 'visible', timeout: 5000 });
    expect(await decl.innerText()).toBe(DECL);
    expect(await panel.innerText()).toContain('the callee (clang-19 -O2) leaves the psABI model');
    expect(await panel.locator('pre.detail').first().innerText()).toContain('</script><img id="injected" src="x"> & <!-- \\x01');
    expect(await page.locator('#injected').count()).toBe(0);
    // The reproducer link is relative and leads to the file.
    const href = await panel.locator('a', { hasText: 'repro.sh' }).getAttribute('href');
    expect(href).toBe('results/run1/findings/arg-f3/repro.sh');
    expect(existsSync(join(dir, href!))).toBe(true);
    // Another cell's panel stays closed.
    expect(await page.locator(`section[id="cell-${known.id}"] pre.decl`).isVisible()).toBe(false);
  });

  it('is self-contained: no request beyond the page itself, no external script or style', async () => {
    expect(requests.filter((u) => !u.endsWith('/report.html') && !u.includes('/report.html#'))).toEqual([]);
    await expect(page.locator('script[src], link[rel="stylesheet"], img[src], iframe').count()).resolves.toBe(0);
  });

  it('embeds its data as JSON that reads back whole', async () => {
    const text = await page.locator('script#abifuzz-data').textContent();
    const data = JSON.parse(text!) as { cells: { id: string; status: string; buckets: { detail: string; expected: Expectation | null }[] }[] };
    const f = data.cells.find((x) => x.id === failing.id)!;
    expect(f.status).toBe('new');
    expect(f.buckets[0]!.detail).toBe(HOSTILE);
    expect(data.cells.find((x) => x.id === known.id)!.buckets[0]!.expected).toEqual({ reason: 'gcc PR102024', link: 'https://gcc.gnu.org/PR102024' });
  });
});
