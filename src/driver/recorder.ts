// Collects the records of one batch. Every finding is offered to the pair's known-issue rules as
// it is recorded; whoever runs the batch writes the findings as soon as it returns.
import type { Finding } from '../check/finding.js';
import type { CaseInput } from './context.js';
import type { CaseOutcome, CaseRecord, Stage } from './outcome.js';

export class Recorder {
  readonly records: CaseRecord[] = [];

  constructor(private readonly explain: (f: Finding, c: CaseInput) => string | undefined) {}

  record(c: CaseInput, ranTo: Stage, outcome: CaseOutcome, findings: Finding[] = []): void {
    this.records.push({ index: c.index, sig: c.sig, ranTo, outcome, findings });
  }

  /** A record with findings: each is marked with the rule that explains it, if any. */
  async found(c: CaseInput, ranTo: Stage, outcome: CaseOutcome, findings: Finding[]): Promise<void> {
    for (const f of findings) {
      const known = this.explain(f, c);
      if (known) f.known = known;
    }
    this.record(c, ranTo, outcome, findings);
  }
}
