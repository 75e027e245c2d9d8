// Reading results back: a campaign folder (campaign.json), a run folder (summary.json), or any folder
// holding such (a CI artifact download), as campaigns. Validated only as far as JSON goes: they are
// abifuzz's own files.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { cellId } from './campaign.js';
import type { CampaignSummary } from './campaign.js';
import type { Summary } from './summary.js';

/** A single run as a campaign of one cell. */
export function asCampaign(s: Summary): CampaignSummary {
  const id = cellId(s.target, s.caller.toolchain, s.callee.toolchain, { caller: s.caller.flags.join(' ') || undefined, callee: s.callee.flags.join(' ') || undefined });
  return { campaignVersion: 1, seed: s.seed, elapsedMs: s.elapsedMs, interrupted: s.interrupted, cells: [{ id, target: s.target, caller: s.caller, callee: s.callee, summary: s }] };
}

async function find(dir: string, depth: number, out: CampaignSummary[]): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  if (names.includes('campaign.json')) {
    out.push(JSON.parse(await readFile(join(dir, 'campaign.json'), 'utf8')) as CampaignSummary);
    return;
  }
  if (names.includes('summary.json')) {
    out.push(asCampaign(JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as Summary));
    return;
  }
  if (depth === 0) return;
  for (const n of names.sort()) if (!n.startsWith('.') && (await stat(join(dir, n)).catch(() => null))?.isDirectory()) await find(join(dir, n), depth - 1, out);
}

/** Every campaign or run found in these folders (a usage error when one holds none). */
export async function loadResults(dirs: string[]): Promise<CampaignSummary[]> {
  const out: CampaignSummary[] = [];
  for (const d of dirs) {
    const before = out.length;
    try {
      await find(d, 3, out);
    } catch (e) {
      throw new UsageError(`${d}: ${(e as Error).message.split('\n')[0]}`, 'ABIFUZZ_BAD_RESULTS');
    }
    if (out.length === before) throw new UsageError(`${d}: no abifuzz results (campaign.json or summary.json) in it`, 'ABIFUZZ_BAD_RESULTS');
  }
  return out;
}
