// Writes a campaign's reports: report.html always (beside the results), JUnit XML and the Markdown
// step summary where asked, and the step summary also to $GITHUB_STEP_SUMMARY when set.
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Baseline } from './baseline.js';
import { expectationOf } from './baseline.js';
import type { Bucket } from './buckets.js';
import type { CampaignSummary, CellResult, Expectation } from './campaign.js';
import { htmlReport } from './html.js';
import { junitXml } from './junit.js';
import { markdownSummary } from './markdown.js';
import { writeAtomic } from './atomic.js';

/** GitHub drops a step summary over 1 MiB: stay well under it. */
const STEP_SUMMARY_BYTES = 900 * 1024;

export interface ReportPaths {
  junit?: string;
  markdown?: string;
}

/** Per bucket: expected by the baseline (and why), or undefined when new. */
export function expectedFor(c: CampaignSummary, baseline: Baseline | null): (b: Bucket) => Expectation | undefined {
  const cellOf = new Map<Bucket, CellResult>();
  for (const cell of c.cells) for (const b of cell.summary.buckets) cellOf.set(b, cell);
  const of = expectationOf(baseline);
  return (b) => {
    const cell = cellOf.get(b);
    return cell ? of(cell, b) : undefined;
  };
}

/** Writes the reports; returns how many buckets are new (not in the baseline). */
export async function writeReports(dir: string, c: CampaignSummary, baseline: Baseline | null, paths: ReportPaths): Promise<number> {
  const expected = expectedFor(c, baseline);
  await writeAtomic(join(dir, 'report.html'), htmlReport(c, expected, { baseDir: dir }));
  if (paths.junit) await writeFile(paths.junit, junitXml(c, expected));
  const md = markdownSummary(c, expected, { maxBytes: STEP_SUMMARY_BYTES, htmlPath: join(dir, 'report.html') });
  if (paths.markdown) await writeFile(paths.markdown, md);
  const step = process.env.GITHUB_STEP_SUMMARY;
  if (step && step !== paths.markdown) await appendFile(step, md);
  return c.cells.reduce((n, cell) => n + cell.summary.buckets.filter((b) => !expected(b)).length, 0);
}
