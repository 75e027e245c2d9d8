// Stopping a run: SIGINT exits 130 with summary.json (interrupted: true, every finding confirmed so
// far) and leaves no process of the run behind; kill -9 leaves every finding folder whole.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_MARKER } from '../../harness/process.js';
import { caseFileSchema } from '../../src/report/case-schema.js';
import type { Summary } from '../../src/report/summary.js';
import { CLI } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('stops');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Processes whose environment carries the run's marker (every child abifuzz spawns has it). */
async function processesOfRun(runId: string): Promise<string[]> {
  const out: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) <= 1 || Number(pid) === process.pid) continue;
    const env = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
    if (env.split('\0').includes(`${RUN_MARKER}=${runId}`)) out.push(pid);
  }
  return out;
}

/** Waits until the run's findings/ folder holds at least one finished case. */
async function waitForFinding(out: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const runs = existsSync(out) ? await readdir(out) : [];
    for (const r of runs) {
      const f = join(out, r, 'findings');
      if (existsSync(f) && (await readdir(f)).some((d) => !d.startsWith('.'))) return;
    }
    await sleep(200);
  }
  throw new Error('no finding within the time');
}

/** A long planted run (gcc -fcall-used-rbx callee: findings from the first batch on). */
function start(out: string) {
  return execa('node', [CLI, 'fuzz', '--caller', 'gcc', '--callee', 'gcc', '--callee-flags=-O2 -fcall-used-rbx', '--runs', '200000',
    '--batch', '40', '--seed', '5', '--json', '--out', out], { reject: false, stdin: 'ignore' });
}

describe('stopping a run', () => {
  it('SIGINT: exit 130, summary.json with interrupted: true and every confirmed finding, no process of the run left', async () => {
    const out = await tmp();
    const run = start(out);
    await waitForFinding(out, 120_000);
    await sleep(1500); // let more work start, so there are children to kill
    run.kill('SIGINT');
    const r = await run;
    expect(r.exitCode, String(r.stderr)).toBe(130);
    const [runDir] = await readdir(out);
    const summary = JSON.parse(await readFile(join(out, runDir!, 'summary.json'), 'utf8')) as Summary;
    expect(summary.interrupted).toBe(true);
    expect(summary.stopReason).toBe('SIGINT');
    const onDisk = (await readdir(join(out, runDir!, 'findings'))).filter((d) => !d.startsWith('.'));
    expect(summary.findings.length).toBe(onDisk.length);
    expect(summary.findings.length).toBeGreaterThan(0);
    expect(JSON.parse(String(r.stdout))).toMatchObject({ interrupted: true });
    await sleep(500);
    expect(await processesOfRun(runDir!)).toEqual([]);
  });

  it('kill -9 mid-run: every finding folder is complete and its case.json parses', async () => {
    const out = await tmp();
    const run = start(out);
    await waitForFinding(out, 120_000);
    await sleep(2000);
    run.kill('SIGKILL');
    await run;
    const [runDir] = await readdir(out);
    // A SIGKILLed run cannot kill its children: the test does, one process at a time.
    for (const pid of await processesOfRun(runDir!)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        /* gone already */
      }
    }
    const folders = (await readdir(join(out, runDir!, 'findings'))).filter((d) => !d.startsWith('.'));
    expect(folders.length).toBeGreaterThan(0);
    for (const d of folders) {
      const files = await readdir(join(out, runDir!, 'findings', d));
      expect(files).toEqual(expect.arrayContaining(['case.json', 'repro.sh', 'repro.c', 'report.md', 'caller.c', 'callee.c', 'abi.h']));
      const parsed = caseFileSchema.safeParse(JSON.parse(await readFile(join(out, runDir!, 'findings', d, 'case.json'), 'utf8')));
      expect(parsed.success, d).toBe(true);
    }
  });
});
