// The human summary of a run.
import type { Summary } from '../pipeline.js';

export function printSummary(s: Summary, out: NodeJS.WritableStream): void {
  const lines: string[] = [];
  const rate = s.elapsedMs ? ((s.signaturesChecked * 1000) / s.elapsedMs).toFixed(1) : '0';
  lines.push(`checked ${s.signaturesChecked} signatures in ${(s.elapsedMs / 1000).toFixed(1)} s (${rate}/s), skipped ${s.skipped}, findings ${s.findings.length}`);
  for (const [reason, n] of Object.entries(s.skippedReasons)) lines.push(`  skipped ${n}: ${reason}`);
  for (const [id, k] of Object.entries(s.known)) lines.push(`  known issue ${id}: ${k.count} (e.g. ${k.examples.join(', ')}); --show-known reports them`);
  const phases = Object.entries(s.phaseMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ');
  if (phases) lines.push(`  time per phase (summed over jobs): ${phases}`);
  for (const f of s.findings) {
    lines.push('', `[${f.kind}] ${f.detail}`);
    lines.push(...f.signature.split('\n').map((l) => `    ${l}`));
    lines.push(`  Reproduce with: abifuzz replay ${f.caseFile}`);
  }
  lines.push('', `results: ${s.runDir}`);
  out.write(lines.join('\n') + '\n');
}
