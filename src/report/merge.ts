// Merging the results of shards (or of several runs of one matrix): cells with the same id become
// one, their counts added and their buckets deduplicated by key. Pure.
import type { Bucket } from './buckets.js';
import type { CampaignSummary, CellResult } from './campaign.js';
import type { Summary } from './summary.js';

const add = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
  const out = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
};

function mergeBuckets(a: Bucket[], b: Bucket[]): Bucket[] {
  const byKey = new Map(a.map((x) => [x.key, { ...x, functions: [...x.functions] }]));
  for (const x of b) {
    const there = byKey.get(x.key);
    if (!there) {
      byKey.set(x.key, { ...x, functions: [...x.functions] });
      continue;
    }
    there.count += x.count;
    for (const fn of x.functions) if (there.functions.length < 5 && !there.functions.includes(fn)) there.functions.push(fn);
    there.blame ??= x.blame;
    if (there.confirmation !== 'confirmed' && x.confirmation) there.confirmation = x.confirmation;
  }
  return [...byKey.values()].sort((p, q) => q.count - p.count || p.key.localeCompare(q.key));
}

export function mergeSummaries(a: Summary, b: Summary): Summary {
  const known = structuredClone(a.known);
  for (const [id, k] of Object.entries(b.known)) {
    const there = (known[id] ??= { count: 0, byKind: {}, functions: [] });
    there.count += k.count;
    there.byKind = add(there.byKind, k.byKind);
    there.functions = [...new Set([...there.functions, ...k.functions])];
  }
  const features = new Map([...a.disabledFeatures, ...b.disabledFeatures].map((d) => [d.feature, d]));
  return {
    ...a,
    signaturesGenerated: a.signaturesGenerated + b.signaturesGenerated,
    signaturesChecked: a.signaturesChecked + b.signaturesChecked,
    skipped: a.skipped + b.skipped,
    skippedReasons: add(a.skippedReasons, b.skippedReasons),
    outcomes: add(a.outcomes, b.outcomes),
    flaky: [...a.flaky, ...b.flaky],
    known,
    disabledFeatures: [...features.values()],
    elapsedMs: Math.max(a.elapsedMs, b.elapsedMs),
    interrupted: a.interrupted || b.interrupted,
    phaseMs: add(a.phaseMs, b.phaseMs),
    findings: [...a.findings, ...b.findings],
    buckets: mergeBuckets(a.buckets, b.buckets),
  };
}

export function mergeCampaigns(all: CampaignSummary[]): CampaignSummary {
  const cells = new Map<string, CellResult>();
  for (const c of all)
    for (const cell of c.cells) {
      const there = cells.get(cell.id);
      cells.set(cell.id, there ? { ...there, summary: mergeSummaries(there.summary, cell.summary) } : cell);
    }
  return {
    campaignVersion: 1,
    seed: all[0]?.seed ?? 0,
    elapsedMs: Math.max(0, ...all.map((c) => c.elapsedMs)),
    interrupted: all.some((c) => c.interrupted),
    ...(all.find((c) => c.baseline)?.baseline ? { baseline: all.find((c) => c.baseline)!.baseline } : {}),
    cells: [...cells.values()].sort((p, q) => p.id.localeCompare(q.id)),
  };
}
