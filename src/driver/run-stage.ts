// The run and check stages of one built batch. A crash or hang is traced to its function by the
// runtime's begin/end lines and run again alone: a crash is a finding (marked when it only happens
// after earlier functions of its batch ran), a hang that passes alone is flaky, not a finding.
// The rest of the batch goes on without it.
import { runTests, type RunOutcome } from '../../harness/run.js';
import { valueFindings, type Finding } from '../check/finding.js';
import { parseRunOutput, unfinished, type ParsedRun } from '../check/parse.js';
import type { CaseInput, DriverContext } from './context.js';
import type { Recorder } from './recorder.js';

async function checked(rec: Recorder, c: CaseInput, findings: Finding[]): Promise<void> {
  if (findings.length) await rec.found(c, 'check', { kind: 'checked' }, findings);
  else rec.record(c, 'check', { kind: 'checked' });
}

export async function runStage(ctx: DriverContext, rec: Recorder, exe: string, live: CaseInput[]): Promise<void> {
  const byIndex = new Map(live.map((c) => [c.index, c]));
  const run = (ids: number[] | null): Promise<RunOutcome> => runTests(ctx.build.spawn, ctx.runner, exe, ids, ctx.runTimeoutMs);
  let pending = live.map((c) => c.index);
  let outcome = await run(null);
  const pastDeadline = (): boolean => {
    if (ctx.deadline === undefined || Date.now() <= ctx.deadline) return false;
    pending.forEach((id) => rec.record(byIndex.get(id)!, 'run', { kind: 'interrupted' }));
    return true;
  };
  for (;;) {
    const parsed = parseRunOutput(outcome.stdout);
    // Killed after the test that began last had returned: its callee broke something the caller's
    // frame relied on that the trampoline leaves unchecked (regcall's r12 when the caller thinks it
    // carries no argument). That test is the suspect; the rest go on.
    const last = parsed.begun[parsed.begun.length - 1];
    const diedAfter = outcome.kind === 'crash' && last !== undefined && parsed.ended.has(last) && pending.includes(last) ? last : undefined;
    for (const id of pending) if (parsed.ended.has(id) && id !== diedAfter) await checked(rec, byIndex.get(id)!, valueFindings(byIndex.get(id)!.sig, id, parsed));
    if (diedAfter !== undefined) await traceAlone(rec, byIndex.get(diedAfter)!, outcome, await run([diedAfter]), parsed);
    pending = pending.filter((id) => !parsed.ended.has(id));
    if (!pending.length) return;
    if (outcome.kind === 'interrupted') {
      pending.forEach((id) => rec.record(byIndex.get(id)!, 'run', { kind: 'interrupted' }));
      return;
    }
    const suspect = unfinished(parsed);
    if (suspect === undefined && diedAfter !== undefined) {
      if (pastDeadline()) return;
      outcome = await run(pending);
      continue;
    }
    if (suspect === undefined || !byIndex.has(suspect)) {
      // Died before any of these tests began, or exited early: nothing to attribute.
      const why = outcome.kind === 'exited' ? `exited with ${outcome.code}` : outcome.kind === 'crash' ? `killed by ${outcome.signal}` : 'timed out';
      pending.forEach((id) => rec.record(byIndex.get(id)!, 'run', { kind: 'not-run', reason: `the batch ${why} before its tests ran` }));
      return;
    }
    pending = pending.filter((id) => id !== suspect);
    await traceAlone(rec, byIndex.get(suspect)!, outcome, await run([suspect]));
    if (!pending.length || pastDeadline()) return;
    outcome = await run(pending);
  }
}

/**
 * The function the batch died in, run alone: what that says about it. `returned`: the batch's run,
 * when the function had returned before the batch died (its own checks are in it).
 */
async function traceAlone(rec: Recorder, c: CaseInput, inBatch: RunOutcome, alone: RunOutcome, returned?: ParsedRun): Promise<void> {
  if (alone.kind === 'interrupted') return rec.record(c, 'run', { kind: 'interrupted' });
  const values = valueFindings(c.sig, c.index, returned ?? parseRunOutput(alone.stdout));
  const partial = values.map((f) => f.detail);
  const before = partial.length ? `; before that: ${partial.join('; ')}` : '';
  const reproduced = alone.kind !== 'exited';
  if (!reproduced && inBatch.kind === 'timeout')
    return rec.record(c, 'run', { kind: 'flaky', reason: `hung in its batch (no return within ${inBatch.afterMs} ms), passed alone` });
  const what = reproduced ? alone : inBatch;
  if (what.kind === 'timeout') {
    const f: Finding = { kind: 'timeout', index: c.index, function: c.sig.name, detail: `${c.sig.name}: no return within ${what.afterMs} ms${before}` };
    return rec.found(c, 'run', { kind: 'timed-out' }, [f]);
  }
  const signal = what.kind === 'crash' ? what.signal : 'exit';
  const how = `${what.kind === 'crash' ? `killed by ${what.signal}` : 'exited early'}${returned ? ' after it returned (its caller relied on something the callee changed that the contract does not check)' : ''}`;
  const f: Finding = {
    kind: 'crash', index: c.index, function: c.sig.name, signal,
    detail: `${c.sig.name}: ${how}${reproduced ? '' : ' (only after earlier functions of its batch ran)'}${before}`,
  };
  const mismatches = values.flatMap((x) => x.mismatches ?? []);
  if (mismatches.length) f.mismatches = mismatches;
  return rec.found(c, 'run', { kind: 'crashed', signal }, [f]);
}
