// Runs a resolved configuration with the CLI's progress line and signal handling, prints the
// summary, and turns the outcome into the exit code.
import { Exit } from '../errors.js';
import type { RunConfig } from '../pipeline/config.js';
import { fuzz } from '../pipeline/run.js';
import type { Summary } from '../report/summary.js';
import { readBaseline } from '../report/baseline.js';
import { asCampaign } from '../report/load-results.js';
import { writeReports } from '../report/write-reports.js';
import { printSummary } from './print.js';
import { progressDisplay } from './progress.js';
import { stopOnSignals } from './signals.js';

export interface ReportOptions {
  json: boolean;
  extraJson?: Record<string, unknown>;
  baseline?: string;
  junit?: string;
  markdown?: string;
}

export async function runAndReport(cfg: RunConfig, opts: ReportOptions, after?: (s: Summary) => void): Promise<number> {
  const baseline = opts.baseline ? await readBaseline(opts.baseline) : null;
  const progress = progressDisplay(process.stderr);
  const stops = stopOnSignals();
  let summary: Summary;
  try {
    summary = await fuzz(cfg, stops.signal, { onProgress: progress, onWarning: (w) => process.stderr.write(`\nabifuzz: warning: ${w}\n`) });
  } finally {
    progress.end();
    stops.dispose();
  }
  const fresh = await writeReports(summary.runDir, asCampaign(summary), baseline, { junit: opts.junit, markdown: opts.markdown });
  if (opts.json) process.stdout.write(JSON.stringify({ ...summary, ...opts.extraJson }) + '\n');
  else printSummary(summary, process.stdout);
  after?.(summary);
  const bySignal = stops.exitCode();
  if (bySignal !== null) return bySignal;
  if (summary.interrupted) {
    process.stderr.write(`abifuzz: stopped: ${summary.stopReason ?? 'unknown reason'} (everything found before is saved in ${summary.runDir})\n`);
    return Exit.usage;
  }
  // With a baseline only new buckets fail the run; without, any finding does.
  if (baseline) return fresh ? Exit.findings : Exit.clean;
  return summary.findings.length ? Exit.findings : Exit.clean;
}
