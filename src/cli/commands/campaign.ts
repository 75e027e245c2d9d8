// abifuzz campaign <file>: a matrix of targets × pairs (both directions) × flag sets in one results
// folder with one summary and its reports; --dry-run lists the cells; --shard i/n takes this job's
// part of every cell's signatures, for a CI job matrix (abifuzz merge joins the parts).
import { randomInt } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { runnerFor } from '../../../harness/runners/index.js';
import { defaultPair, findToolchains } from '../../../harness/toolchains/registry.js';
import { onPath } from '../../../harness/toolchains/path.js';
import { Exit, UsageError } from '../../errors.js';
import { readCampaign, type CampaignFile } from '../../pipeline/campaign-config.js';
import { cellId } from '../../report/campaign.js';
import { runCampaign, type CellPlan } from '../../pipeline/campaign.js';
import { checkOutDir } from '../../pipeline/config.js';
import { modelCovers } from '../../pipeline/model.js';
import { writeAtomic } from '../../report/atomic.js';
import { readBaseline, type Baseline } from '../../report/baseline.js';
import { writeReports } from '../../report/write-reports.js';
import { TARGETS, targetById } from '../../targets/index.js';
import type { Target } from '../../targets/target.js';
import { durationOption } from '../options.js';
import { progressDisplay } from '../progress.js';
import { stopOnSignals } from '../signals.js';
import { fuzzConfig, type FuzzCliOptions } from './fuzz.js';

export interface CampaignCliOptions {
  dryRun?: boolean;
  shard?: { index: number; count: number };
  time?: number;
  runs?: number;
  out: string;
  jobs: number;
  baseline?: string;
  junit?: string;
  markdown?: string;
  json?: boolean;
}

interface Cell {
  id: string;
  target: Target;
  caller: string;
  callee: string;
  flags: { caller?: string; callee?: string };
}

const installed = (t: Target): boolean => onPath(t.toolchains.gcc) && runnerFor(t).available();

/** The cells of a campaign file, and the targets it leaves out (not installed here). */
export function cellsOf(c: CampaignFile): { cells: Cell[]; leftOut: string[] } {
  const targets = c.targets === 'all' ? Object.values(TARGETS) : c.targets.map(targetById);
  const leftOut = c.targets === 'all' ? targets.filter((t) => !installed(t)).map((t) => t.id) : [];
  const cells: Cell[] = [];
  for (const target of targets.filter((t) => !leftOut.includes(t.id))) {
    const own = (x: string): string => (x === 'gcc' ? target.toolchains.gcc : x);
    const pairs: [string, string][] = c.pairs === 'default' ? [defaultPair(target)] : c.pairs.map((p) => [own(p[0]), own(p[1])]);
    const known = new Set(findToolchains(target).map((tc) => tc.id));
    for (const [a, b] of pairs) {
      if ([a, b].some((x) => x.startsWith('model')) && !modelCovers(target)) {
        leftOut.push(`${target.id} ${a} and ${b}`);
        continue;
      }
      for (const x of [a, b]) if (!x.startsWith('model') && !known.has(x) && c.pairs !== 'default') throw new UsageError(`campaign: ${target.id} has no toolchain '${x}' here`, 'ABIFUZZ_MISSING_TOOLCHAIN');
      const ways: [string, string][] = a === b ? [[a, b]] : [[a, b], [b, a]];
      for (const [caller, callee] of ways)
        for (const { targets: only, ...f } of c.flags) {
          if (only && !only.includes(target.id)) continue;
          const flags = a === b || caller === a ? f : { caller: f.callee, callee: f.caller };
          cells.push({ id: cellId(target.id, caller, callee, flags), target, caller, callee, flags });
        }
    }
  }
  return { cells, leftOut };
}

const seconds = (v: string | number | undefined, name: string): number | undefined =>
  v === undefined ? undefined : typeof v === 'number' ? v : durationOption(name)(v);

export async function campaignCommand(file: string, opts: CampaignCliOptions): Promise<number> {
  const c = await readCampaign(file);
  const { cells, leftOut } = cellsOf(c);
  if (opts.dryRun) {
    for (const cell of cells) process.stdout.write(`${cell.id}\t${cell.target.id}\t${cell.caller} calls ${cell.callee}${cell.flags.caller || cell.flags.callee ? `\tflags: ${cell.flags.caller ?? ''} | ${cell.flags.callee ?? ''}` : ''}\n`);
    for (const t of leftOut) process.stdout.write(`# left out: ${t} (not installed here, or no model for the target yet)\n`);
    process.stderr.write(`abifuzz: ${cells.length} cells\n`);
    return Exit.clean;
  }
  const seed = c.seed ?? randomInt(0, 2 ** 31 - 1);
  const totalSec = opts.time ?? seconds(c.time, 'time');
  const runs = opts.time !== undefined ? undefined : (opts.runs ?? c.runs ?? (totalSec === undefined ? 1000 : undefined));
  const baselinePath = opts.baseline ?? (c.baseline ? (isAbsolute(c.baseline) ? c.baseline : join(dirname(file), c.baseline)) : undefined);
  const baseline: Baseline | null = baselinePath ? await readBaseline(baselinePath) : null;
  await checkOutDir(opts.out);
  const id = `campaign-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-s${seed}${opts.shard ? `-shard${opts.shard.index}of${opts.shard.count}` : ''}`;
  const dir = join(opts.out, id);
  await mkdir(dir, { recursive: true });
  const plans: CellPlan[] = [];
  for (const cell of cells) {
    const fo: FuzzCliOptions = {
      target: cell.target.id, caller: cell.caller, callee: cell.callee, callerFlags: cell.flags.caller, calleeFlags: cell.flags.callee,
      seed, batch: c.batch ?? 200, jobs: opts.jobs, out: join(dir, 'cells', cell.id), conventions: c.conventions,
      maxParams: c.generator.maxParams, maxFields: c.generator.maxFields, maxDepth: c.generator.maxDepth,
      ...(c.generator.noTypes ? { types: c.generator.noTypes.join(',') } : {}),
      ...(c.generator.weights ? { weights: Object.entries(c.generator.weights).map(([k, v]) => `${k}=${v}`).join(',') } : {}),
      ...(runs !== undefined ? { runs } : { time: Math.max(1, Math.floor((totalSec ?? 60) / Math.max(1, cells.length))) }),
      timeout: seconds(c.timeout, 'timeout'), compileTimeout: seconds(c.compileTimeout, 'compileTimeout'), shrinkTime: seconds(c.shrinkTime, 'shrinkTime'),
      ...(opts.shard ? { shard: opts.shard } : {}),
    };
    plans.push({ id: cell.id, cfg: await fuzzConfig(fo) });
  }
  process.stderr.write(`abifuzz: campaign of ${plans.length} cells, seed ${seed}${totalSec ? `, ${totalSec} s in all` : `, ${runs} signatures a cell`}${opts.shard ? `, shard ${opts.shard.index}/${opts.shard.count}` : ''}: ${dir}\n`);
  const progress = progressDisplay(process.stderr);
  const stops = stopOnSignals();
  let summary;
  try {
    summary = await runCampaign(plans, dir, seed, totalSec, stops.signal, {
      onProgress: progress,
      onWarning: (w) => process.stderr.write(`\nabifuzz: warning: ${w}\n`),
      onCell: (cell, n) => process.stderr.write(`abifuzz: cell ${n + 1}/${plans.length}: ${cell.id}\n`),
    });
  } finally {
    progress.end();
    stops.dispose();
  }
  if (baselinePath) summary.baseline = baselinePath;
  await writeAtomic(join(dir, 'campaign.json'), JSON.stringify(summary, null, 2) + '\n');
  const fresh = await writeReports(dir, summary, baseline, { junit: opts.junit, markdown: opts.markdown });
  if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else process.stdout.write(`${summary.cells.length} cells, ${summary.cells.reduce((n, x) => n + x.summary.buckets.length, 0)} buckets (${fresh} new); results: ${dir} (report.html)\n`);
  const bySignal = stops.exitCode();
  if (bySignal !== null) return bySignal;
  return fresh ? Exit.findings : Exit.clean;
}
