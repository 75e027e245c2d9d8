// abifuzz merge <results...>: the shards (or runs) of one matrix joined into one summary and its
// reports, buckets deduplicated by their stable keys. abifuzz baseline <results> --out FILE: a
// baseline accepting everything a run found.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Exit } from '../../errors.js';
import { checkOutDir } from '../../pipeline/config.js';
import { writeAtomic } from '../../report/atomic.js';
import { baselineFrom, readBaseline } from '../../report/baseline.js';
import { loadResults } from '../../report/load-results.js';
import { mergeCampaigns } from '../../report/merge.js';
import { writeReports } from '../../report/write-reports.js';

export async function mergeCommand(dirs: string[], opts: { out: string; baseline?: string; junit?: string; markdown?: string; json?: boolean }): Promise<number> {
  const merged = mergeCampaigns(await loadResults(dirs));
  const baseline = opts.baseline ? await readBaseline(opts.baseline) : null;
  if (opts.baseline) merged.baseline = opts.baseline;
  await checkOutDir(opts.out);
  await mkdir(opts.out, { recursive: true });
  await writeAtomic(join(opts.out, 'campaign.json'), JSON.stringify(merged, null, 2) + '\n');
  const fresh = await writeReports(opts.out, merged, baseline, { junit: opts.junit, markdown: opts.markdown });
  if (opts.json) process.stdout.write(JSON.stringify(merged) + '\n');
  else process.stdout.write(`merged ${dirs.length} result folder(s): ${merged.cells.length} cells, ${merged.cells.reduce((n, c) => n + c.summary.buckets.length, 0)} buckets (${fresh} new); ${opts.out}\n`);
  return fresh ? Exit.findings : Exit.clean;
}

export async function baselineCommand(dir: string, opts: { out: string; reason?: string }): Promise<number> {
  const merged = mergeCampaigns(await loadResults([dir]));
  const b = baselineFrom(merged, opts.reason ?? `accepted from ${dir}`);
  await writeAtomic(opts.out, JSON.stringify(b, null, 2) + '\n');
  process.stdout.write(`baseline of ${b.entries.length} bucket(s): ${opts.out}\n`);
  return Exit.clean;
}
