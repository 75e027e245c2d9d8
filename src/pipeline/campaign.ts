// A campaign: the cells of a matrix run one after the other, each an ordinary fuzz run with every
// job, within one total deadline shared fairly (each cell gets an equal part of what is left,
// shrinking included). A stop ends the cell under way and the campaign, with every cell so far.
import { join } from 'node:path';
import type { CampaignSummary, CellResult } from '../report/campaign.js';
import type { RunConfig } from './config.js';
import { fuzz, type RunHooks } from './run.js';

export interface CellPlan {
  id: string;
  cfg: RunConfig;
}

export async function runCampaign(
  cells: CellPlan[], dir: string, seed: number, totalSec: number | undefined, stop: AbortSignal, hooks: RunHooks & { onCell?(c: CellPlan, n: number): void } = {},
): Promise<CampaignSummary> {
  const started = Date.now();
  const results: CellResult[] = [];
  for (const [n, cell] of cells.entries()) {
    if (stop.aborted) break;
    const left = totalSec === undefined ? undefined : totalSec - (Date.now() - started) / 1000;
    if (left !== undefined && left < 1) break;
    const share = left === undefined ? undefined : Math.max(1, Math.floor(left / (cells.length - n)));
    hooks.onCell?.(cell, n);
    const cfg: RunConfig = { ...cell.cfg, outDir: join(dir, 'cells', cell.id), ...(share !== undefined ? { timeSec: share } : {}) };
    const summary = await fuzz(cfg, stop, hooks);
    results.push({ id: cell.id, target: cfg.target.id, caller: summary.caller, callee: summary.callee, summary });
  }
  return { campaignVersion: 1, seed, elapsedMs: Date.now() - started, interrupted: stop.aborted || results.length < cells.length, cells: results };
}
