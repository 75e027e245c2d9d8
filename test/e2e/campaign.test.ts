// A nightly campaign over all six targets with one planted bug in one cell: JUnit XML with exactly
// that cell failing, a Markdown summary, report.html showing it failing in a real browser; with a
// baseline listing that bucket the same campaign exits 0. Shards plus merge give the same buckets as
// one run; the same planted bug from two seeds has one key.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CampaignSummary } from '../../src/report/campaign.js';
import type { Summary } from '../../src/report/summary.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('campaign');
const PLANTED = 'x86_64-linux__gcc_calls_gcc_-fcall-used-rbx';

async function campaign(dir: string, extra: string[] = []): Promise<{ exitCode: number; c: CampaignSummary; out: string; stderr: string }> {
  const file = join(dir, 'nightly.json');
  await writeFile(file, JSON.stringify({
    seed: 3, runs: 60, targets: 'all', pairs: [['gcc', 'gcc']], conventions: 'none',
    flags: [{ callee: '-O2' }, { callee: '-fcall-used-rbx', targets: ['x86_64-linux'] }],
  }));
  const out = join(dir, 'results');
  const r = await runCli(['campaign', file, '--out', out, '--json', '--junit', join(dir, 'junit.xml'), '--markdown', join(dir, 'summary.md'), ...extra]);
  expect(r.stdout, r.stderr).not.toBe('');
  const [campaignDir] = await readdir(out);
  return { exitCode: r.exitCode, c: JSON.parse(r.stdout) as CampaignSummary, out: join(out, campaignDir!), stderr: r.stderr };
}

describe('abifuzz campaign', () => {
  it('six targets, one planted cell: JUnit, Markdown and report.html show exactly that cell failing; a baseline makes it expected', async () => {
    const dir = await tmp();
    const { exitCode, c, out } = await campaign(dir);
    expect(exitCode).toBe(1);
    expect(new Set(c.cells.map((x) => x.target)).size).toBe(6);
    const failing = c.cells.filter((x) => x.summary.buckets.length);
    expect(failing.map((x) => x.id)).toEqual([PLANTED]);
    const key = failing[0]!.summary.buckets[0]!.key;
    expect(key).toMatch(/callee-saved \| rbx/);

    const xml = new XMLParser({ ignoreAttributes: false }).parse(await readFile(join(dir, 'junit.xml'), 'utf8'));
    const suites = [xml.testsuites.testsuite].flat();
    expect(suites).toHaveLength(c.cells.length);
    const failedSuites = suites.filter((s: Record<string, string>) => Number(s['@_failures']) > 0);
    expect(failedSuites).toHaveLength(1);
    expect(failedSuites[0]['@_name']).toMatch(/x86_64-linux .*fcall-used-rbx/);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toMatch(/callee-saved/);

    expect(existsSync('/usr/bin/chromium'), 'chromium is missing: apt-get install chromium').toBe(true);
    const context = await chromium.launchPersistentContext(await tmp(), {
      executablePath: '/usr/bin/chromium', headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
      const statuses = await page.$$eval('[data-cell]', (els) => els.map((e) => [e.getAttribute('data-cell'), e.getAttribute('data-status')]));
      expect(statuses.filter(([, s]) => s === 'new').map(([id]) => id)).toEqual([PLANTED]);
    } finally {
      await context.close();
    }

    const baseline = join(dir, 'baseline.json');
    expect((await runCli(['baseline', out, '--out', baseline, '--reason', 'planted on purpose'])).exitCode).toBe(0);
    const again = await campaign(await tmp(), ['--baseline', baseline]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.c.cells.find((x) => x.id === PLANTED)!.summary.buckets[0]!.key).toBe(key);
  });

  it('--dry-run lists the cells', async () => {
    const dir = await tmp();
    const file = join(dir, 'c.toml');
    await writeFile(file, 'targets = ["x86_64-linux", "aarch64-linux"]\npairs = [["gcc", "clang-19"]]\nruns = 5\n');
    const r = await runCli(['campaign', file, '--dry-run']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => l.split('\t')[0])).toEqual([
      'x86_64-linux__gcc_calls_clang-19', 'x86_64-linux__clang-19_calls_gcc',
      'aarch64-linux__aarch64-linux-gnu-gcc_calls_clang-19', 'aarch64-linux__clang-19_calls_aarch64-linux-gnu-gcc',
    ]);
  });

  it('a bad campaign file is a one-line usage error', async () => {
    const dir = await tmp();
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ targets: ['x86_64-linux'], runs: 5, time: '1m' }));
    const r = await runCli(['campaign', file, '--dry-run']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/runs or time/);
  });
});

describe('shards and stable buckets', () => {
  const planted = ['--caller', 'gcc', '--callee', 'gcc', '--callee-flags=-fcall-used-rbx', '--conventions', 'none', '--json'];

  it('--shard 1/2 and 2/2 plus merge give the buckets of one unsharded run', async () => {
    const dir = await tmp();
    const run = async (extra: string[]): Promise<Summary> => JSON.parse((await runCli(['fuzz', ...planted, '--seed', '7', '--runs', '120', '--out', join(dir, extra.join('') || 'whole'), ...extra])).stdout) as Summary;
    const whole = await run([]);
    const a = await run(['--shard', '1/2']);
    const b = await run(['--shard', '2/2']);
    expect(a.signaturesGenerated + b.signaturesGenerated).toBe(120);
    const merged = await runCli(['merge', a.runDir, b.runDir, '--out', join(dir, 'merged'), '--json']);
    const m = JSON.parse(merged.stdout) as CampaignSummary;
    expect(m.cells).toHaveLength(1);
    expect(m.cells[0]!.summary.buckets.map((x) => x.key).sort()).toEqual(whole.buckets.map((x) => x.key).sort());
    expect(m.cells[0]!.summary.findings.length).toBe(whole.findings.length);
  });

  it('the same planted bug found from two seeds has the same bucket key', async () => {
    const keys = [];
    for (const seed of ['5', '6']) {
      const r = await runCli(['fuzz', ...planted, '--seed', seed, '--runs', '80', '--out', await tmp()]);
      keys.push((JSON.parse(r.stdout) as Summary).buckets.map((x) => x.key));
    }
    expect(keys[0]).toHaveLength(1);
    expect(keys[0]).toEqual(keys[1]);
  });
});
