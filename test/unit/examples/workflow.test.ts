// The example GitHub Actions workflow, read as GitHub would: a nightly schedule, a matrix of
// shards each uploading its results under its own artifact name, and a merge job that downloads
// them all and writes the step summary, JUnit and report.html.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const FILE = fileURLToPath(new URL('../../../examples/github-actions/abifuzz-nightly.yml', import.meta.url));

interface Step { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown> }
interface Job { needs?: string | string[]; if?: string; 'runs-on': string; strategy?: { 'fail-fast'?: boolean; matrix: Record<string, unknown[]> }; steps: Step[] }
interface Workflow { name: string; on: { schedule?: { cron: string }[] }; jobs: Record<string, Job> }

const uses = (job: Job, action: string): Step[] => job.steps.filter((s) => s.uses?.startsWith(`${action}@`));
const runs = (job: Job, command: string): Step[] => job.steps.filter((s) => s.run?.includes(command));

describe('examples/github-actions/abifuzz-nightly.yml', () => {
  let wf: Workflow;
  beforeAll(async () => {
    wf = parse(await readFile(FILE, 'utf8')) as Workflow;
  });

  it('runs nightly on a schedule', () => {
    expect(wf.on.schedule).toHaveLength(1);
    const fields = wf.on.schedule![0]!.cron.split(/\s+/);
    expect(fields).toHaveLength(5);
    expect(fields.slice(2)).toEqual(['*', '*', '*']); // every day of every month, any weekday
  });

  it('has a sharded fuzz job and a merge job that needs it and runs even when a shard failed', () => {
    expect(Object.keys(wf.jobs).sort()).toEqual(['fuzz', 'merge']);
    const merge = wf.jobs.merge!;
    expect([merge.needs].flat()).toEqual(['fuzz']);
    expect(merge.if).toMatch(/!cancelled\(\)|always\(\)/);
  });

  it('fuzzes a matrix of distinct shards, each its part of the campaign, none cancelling the others', () => {
    const fuzz = wf.jobs.fuzz!;
    expect(fuzz.strategy!['fail-fast']).toBe(false);
    const shards = fuzz.strategy!.matrix.shard!;
    expect(shards.length).toBeGreaterThanOrEqual(2);
    expect(shards).toEqual(shards.map((_, k) => k + 1)); // 1..n, so i/n covers the campaign
    const step = runs(fuzz, 'abifuzz campaign');
    expect(step).toHaveLength(1);
    expect(step[0]!.run).toBe('abifuzz campaign examples/campaign.json --shard ${{ matrix.shard }}/${{ strategy.job-total }} --time 2h --out results');
  });

  it('uploads each shard under its own artifact name, even when the shard found something', () => {
    const up = uses(wf.jobs.fuzz!, 'actions/upload-artifact');
    expect(up).toHaveLength(1);
    expect(Number(up[0]!.uses!.split('@v')[1])).toBeGreaterThanOrEqual(4); // v4: names must be unique per run
    expect(up[0]!.with!.name).toBe('abifuzz-results-${{ matrix.shard }}');
    expect(up[0]!.with!.path).toBe('results');
    expect(up[0]!.if).toMatch(/!cancelled\(\)|always\(\)/);
  });

  it('merges every shard into the step summary and JUnit, then uploads the report under a name of its own', () => {
    const merge = wf.jobs.merge!;
    const down = uses(merge, 'actions/download-artifact');
    expect(down).toHaveLength(1);
    expect(down[0]!.with).toMatchObject({ pattern: 'abifuzz-results-*', 'merge-multiple': true, path: 'results' });
    const step = runs(merge, 'abifuzz merge');
    expect(step).toHaveLength(1);
    expect(step[0]!.run).toMatch(/^abifuzz merge results\/\* --markdown "\$GITHUB_STEP_SUMMARY" --junit junit\.xml( |$)/);
    const steps = merge.steps;
    expect(steps.indexOf(down[0]!)).toBeLessThan(steps.indexOf(step[0]!));
    const up = uses(merge, 'actions/upload-artifact');
    expect(up).toHaveLength(1);
    expect(steps.indexOf(step[0]!)).toBeLessThan(steps.indexOf(up[0]!));
    const name = String(up[0]!.with!.name);
    expect(name).not.toMatch(/^abifuzz-results-/); // not a shard's name, not caught by the download pattern
    expect(String(up[0]!.with!.path)).toContain('junit.xml');
    expect(String(up[0]!.with!.path)).toContain('report.html');
  });

  it('builds abifuzz before using it, in both jobs', () => {
    for (const [id, job] of Object.entries(wf.jobs)) {
      const build = job.steps.findIndex((s) => s.run?.includes('npm ci'));
      const use = job.steps.findIndex((s) => /\babifuzz (campaign|merge)\b/.test(s.run ?? ''));
      expect(build, id).toBeGreaterThanOrEqual(0);
      expect(build, id).toBeLessThan(use);
    }
    expect(runs(wf.jobs.fuzz!, 'scripts/install-toolchains.sh')).toHaveLength(1);
  });
});
