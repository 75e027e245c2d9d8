// The terminal summary: counts, every skip reason, what rules explained, then each bucket once.
import type { Summary } from '../report/summary.js';

export function printSummary(s: Summary, out: NodeJS.WritableStream): void {
  const lines: string[] = [];
  const rate = s.elapsedMs ? ((s.signaturesChecked * 1000) / s.elapsedMs).toFixed(1) : '0';
  lines.push(`checked ${s.signaturesChecked} of ${s.signaturesGenerated} signatures in ${(s.elapsedMs / 1000).toFixed(1)} s (${rate}/s), skipped ${s.skipped}, findings ${s.findings.length}${s.findings.length ? ` (${s.buckets.length} distinct)` : ''}${s.interrupted ? `, INTERRUPTED (${s.stopReason ?? ''})` : ''}`);
  lines.push(`  outcomes: ${Object.entries(s.outcomes).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  for (const [reason, n] of Object.entries(s.skippedReasons)) lines.push(`  skipped ${n}: ${reason}`);
  for (const d of s.disabledFeatures) lines.push(`  not generated: ${d.feature}: ${d.reason}`);
  for (const f of s.flaky) lines.push(`  flaky ${f.function}: ${f.reason}`);
  for (const [id, k] of Object.entries(s.known))
    lines.push(`  known issue ${id}: ${k.count} finding(s) in ${k.functions.length} function(s) (${k.functions.slice(0, 8).join(', ')}${k.functions.length > 8 ? ', ...' : ''}); folders under known/, --show-known reports them`);
  const phases = Object.entries(s.phaseMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ');
  if (phases) lines.push(`  time per phase (summed over jobs): ${phases}`);
  // Distinct problems, not raw findings: each bucket once, with how often it was hit.
  for (const b of s.buckets) {
    const hits = b.count === 1 ? '1 finding' : `${b.count} findings`;
    const shrunk = b.shrink ? `, shrunk in ${b.shrink.steps} steps (${b.shrink.candidates} candidates, ${(b.shrink.ms / 1000).toFixed(1)} s)` : '';
    const conf = b.confirmation === 'flaky' ? ', FLAKY: did not come back when re-run alone' : '';
    lines.push('', `[${b.kind}] ${b.problem ? `${b.problem}: ` : ''}${hits}${shrunk}${conf}`);
    lines.push(...b.signature.split('\n').map((l) => `    ${l}`));
    if (b.blame) lines.push(`  blame: ${b.blame.deviates === 'neither' ? 'neither side leaves the psABI model' : `the ${b.blame.deviates} (${b.blame.party}) leaves the psABI model`}: ${b.blame.detail}`);
    lines.push(`  ${b.caseDir}/report.md; reproduce with ${b.caseDir}/repro.sh or: abifuzz replay ${b.caseDir}`);
  }
  lines.push('', `results: ${s.runDir}`);
  out.write(lines.join('\n') + '\n');
}
